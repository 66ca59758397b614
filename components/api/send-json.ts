import type { ApiErrorBody } from "@/lib/api/api-error";

import { ApiRequestError } from "./fetch-json";

/** Sends a JSON request (POST by default) and returns the JSON response body. Throws ApiRequestError on failure. */
export async function sendJson<T>(url: string, options: { method?: "POST" | "DELETE"; body?: unknown } = {}): Promise<T> {
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
