import { z } from "zod";

import type { IngestInput } from "@/lib/ingest/ingest-input";
import { iterateWebStream, limitBodyBytes } from "@/lib/ingest/limit-body-bytes";
import { maxIngestBodyBytes } from "@/lib/ingest/ingest-limits";
import { UNSAFE_NAME_CHARACTERS } from "@/lib/ingest/name-characters";
import { IAM_ARN } from "@/lib/sources/access-advisor/normalize-access-advisor";

import { ApiError } from "./api-error";


/** `?name=` labels the body in summaries and on the batch page, like a file path. */
export const ingestQuerySchema = z.object({
  name: z
    .string()
    .trim()
    .min(1)
    .max(1024)
    .refine((name) => !UNSAFE_NAME_CHARACTERS.test(name), "expected a file name without control or bidirectional characters")
    .optional(),
  /** IAM principal an Access Advisor report without an `Arn` field is about, as `--principal` on the command line. */
  principal: z
    .string()
    .trim()
    .regex(IAM_ARN, "expected the ARN of an IAM user, role, group or policy")
    .max(2048)
    .optional(),
});

/** Header carrying the S3 key the body was read from, so that digests can match it. */
export const SOURCE_KEY_HEADER = "x-watchfloor-source-key";

/**
 * Turns an ingest request into an input: the body as a stream, bounded by
 * WATCHFLOOR_INGEST_MAX_BODY_BYTES. A declared Content-Length beyond the
 * limit is answered 413 before anything is read.
 */
export function readIngestRequest(
  request: Request,
  query: z.output<typeof ingestQuerySchema>,
  options: { acceptEmpty?: boolean } = {},
): IngestInput {
  const max = maxIngestBodyBytes();
  const header = request.headers.get("content-length");
  const declared = header === null ? null : Number(header);
  if (declared !== null && declared > max) {
    throw new ApiError("payload_too_large", `The request body is ${declared} bytes; the limit is ${max} bytes (WATCHFLOOR_INGEST_MAX_BODY_BYTES).`);
  }
  const sourceKey = readSourceKey(request);
  const label = query.name ?? sourceKey ?? "request body";
  if (!request.body || declared === 0) {
    if (options.acceptEmpty) {
      // Recorded and rejected as empty, as the command line does with an empty file.
      return { type: "buffer", body: Buffer.alloc(0), label, sourceKey };
    }
    throw new ApiError("bad_request", "The request has no body; send a log file or EventBridge events as the body.");
  }
  const stream = limitBodyBytes(iterateWebStream(request.body), { max, label });
  return { type: "stream", stream, label, sourceKey };
}

function readSourceKey(request: Request): string | undefined {
  const value = request.headers.get(SOURCE_KEY_HEADER)?.trim();
  if (!value) {
    return undefined;
  }
  if (value.length > 1024 || UNSAFE_NAME_CHARACTERS.test(value)) {
    throw new ApiError("validation_failed", `Invalid ${SOURCE_KEY_HEADER}: expected an S3 key of at most 1024 characters.`, {
      field: `headers.${SOURCE_KEY_HEADER}`,
    });
  }
  return value;
}
