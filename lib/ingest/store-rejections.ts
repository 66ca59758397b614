import type { PoolClient } from "pg";
import { sanitizeNullableText, sanitizeText } from "@/lib/db/sanitize-text";

import { MAX_REJECTED_RAW_BYTES } from "./check-record-limits";
import type { Rejection } from "./types";

export { MAX_REJECTED_RAW_BYTES };

export interface RejectionContext {
  batchId: string;
  fileId: string | null;
  path: string;
}

/** Stores rejected records with their raw bytes, inside the caller's transaction. */
export async function storeRejections(
  client: PoolClient,
  context: RejectionContext,
  rejections: Rejection[],
): Promise<void> {
  for (const rejection of rejections) {
    const raw = rejection.raw;
    const truncated = raw !== null && raw.length > MAX_REJECTED_RAW_BYTES;
    await client.query(
      `INSERT INTO rejected_records (batch_id, file_id, path, record_index, field, reason, raw, raw_truncated)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        context.batchId,
        context.fileId,
        sanitizeText(context.path),
        rejection.recordIndex,
        sanitizeNullableText(rejection.field),
        sanitizeText(rejection.reason),
        truncated ? raw.subarray(0, MAX_REJECTED_RAW_BYTES) : raw,
        truncated,
      ],
    );
  }
}
