import type { ApiErrorBody, ApiErrorCode } from "@/lib/api/api-error";

/** A failed API request, carrying the code and message of the JSON error envelope. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode | "network_error" | "unexpected_response";

  constructor(status: number, code: ApiRequestError["code"], message: string) {
    super(message);
    this.name = "ApiRequestError";
    this.status = status;
    this.code = code;
  }
}

/** Fetches a JSON API route and throws ApiRequestError on a non-2xx response. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    throw new ApiRequestError(0, "network_error", `Could not reach the server for ${url}.`);
  }
  if (response.ok) {
    return (await response.json()) as T;
  }
  const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
  if (body?.error) {
    throw new ApiRequestError(response.status, body.error.code, body.error.message);
  }
  throw new ApiRequestError(
    response.status,
    "unexpected_response",
    `${url} answered HTTP ${response.status} without an error body.`,
  );
}
