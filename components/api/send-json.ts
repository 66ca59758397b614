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
