import type { ApiErrorBody } from "@/lib/api/api-error";

import { ApiRequestError } from "./fetch-json";

/**
 * Sends a state-changing request with an optional JSON body and returns the
 * JSON response. A non-2xx response throws ApiRequestError with the
 * envelope's code and message.
 */
export async function sendJson<T>(method: "POST" | "PUT" | "PATCH" | "DELETE", url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiRequestError(0, "network_error", `Could not reach the server for ${method} ${url}.`);
  }
  const parsed = (await response.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
  if (response.ok) {
    return parsed as T;
  }
  if (parsed?.error) {
    throw new ApiRequestError(response.status, parsed.error.code, parsed.error.message);
  }
  throw new ApiRequestError(response.status, "unexpected_response", `${method} ${url} returned HTTP ${response.status} without an error body.`);
}

/** Sends a JSON request (POST by default) and returns the JSON response body. Throws ApiRequestError on failure. */
export async function requestJson<T>(url: string, options: { method?: "POST" | "DELETE"; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiRequestError(0, "network_error", `Could not reach the server for ${url}.`);
  }
  if (response.ok) {
    return (await response.json()) as T;
  }
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  if (body?.error) {
    throw new ApiRequestError(response.status, body.error.code, body.error.message);
  }
  throw new ApiRequestError(response.status, "unexpected_response", `${url} returned HTTP ${response.status} without an error body.`);
}
