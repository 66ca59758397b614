import type { z } from "zod";

import { ApiError } from "@/lib/api/api-error";

/**
 * Parses one input value of a use case with its schema. A failure becomes a
 * `validation_failed` error naming `field`, so the CLI and the API report
 * the same message.
 */
export function requireValid<Schema extends z.ZodType>(schema: Schema, value: unknown, field: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const reason = (result.error.issues[0]?.message ?? "invalid value").replace(/\.$/, "");
  const message = `Invalid ${field}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.`;
  throw new ApiError("validation_failed", message, { field });
}
