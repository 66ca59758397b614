import type { z } from "zod";

import { ApiError } from "./api-error";

/** Default maximum request body size, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Parses one part of a request (`params`, `query` or `body`) with its schema.
 * A failure becomes a 422 naming the first invalid field, for example
 * `query.all`.
 */
export function parsePart<Schema extends z.ZodType>(
  part: "params" | "query" | "body",
  schema: Schema,
  value: unknown,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const [issue] = result.error.issues;
  const field = [part, ...(issue?.path ?? []).map(String)].join(".");
  const reason = (issue?.message ?? "invalid value").replace(/\.$/, "");
  const message = `Invalid ${field}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.`;
  throw new ApiError("validation_failed", message, { field });
}

/** Reads the search parameters as a plain object; a repeated name keeps its last value. */
export function readQuery(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/** Reads a JSON body of at most `maxBytes` bytes. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    throw new ApiError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
  }
  const text = await request.text();
  if (Buffer.byteLength(text, "utf8") > maxBytes) {
    throw new ApiError("payload_too_large", `The request body is larger than ${maxBytes} bytes.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError("bad_request", "The request body is not valid JSON.", { cause: error });
  }
}
