import type { Logger } from "@/lib/log";

import { ApiError } from "./api-error";

/**
 * Turns anything a route threw into the JSON error envelope. An ApiError keeps
 * its code and public message; anything else becomes a 500 whose details stay
 * in the log, found again by the request id the message quotes.
 */
export function errorResponse(error: unknown, context: { log: Logger; requestId: string }): Response {
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError("internal_error", `Internal server error. Reference: ${context.requestId}.`, {
          cause: error,
        });
  if (apiError.status >= 500) {
    context.log.error({ err: error, code: apiError.code }, "request failed");
  } else {
    context.log.info({ code: apiError.code, field: apiError.field, reason: apiError.message }, "request rejected");
  }
  return Response.json(apiError.toBody(), {
    status: apiError.status,
    headers: { "cache-control": "no-store", "x-request-id": context.requestId },
  });
}
