import { randomUUID } from "node:crypto";

import type { EventRow } from "@/lib/ingest/event-row";
import { cloudTrailEventToRow } from "@/lib/ingest/event-row";
import { normalizeCloudTrailRecord } from "@/lib/sources/cloudtrail/normalize-record";

export type JsonRecord = Record<string, unknown>;

/** Builds the `events` row the ingest store would write for one CloudTrail record. */
export function buildCloudTrailRow(
  record: JsonRecord,
  context: { batchId?: string; recordIndex?: number } = {},
): EventRow {
  const recordIndex = context.recordIndex ?? 0;
  const raw = Buffer.from(JSON.stringify(record), "utf8");
  const result = normalizeCloudTrailRecord({ record, raw, path: "$", index: recordIndex });
  if ("rejection" in result) {
    throw new Error(`fixture record rejected: ${result.rejection.reason}`);
  }
  return cloudTrailEventToRow(result.event, {
    batchId: context.batchId ?? randomUUID(),
    fileId: null,
    recordIndex,
  });
}

/**
 * Converts a row to the input Prisma's createMany takes. Prisma types Bytes as
 * a Uint8Array over a plain ArrayBuffer, and a pooled Buffer is not one.
 */
export function toEventCreateInput(row: EventRow): Omit<EventRow, "raw"> & { raw: Uint8Array<ArrayBuffer> } {
  return { ...row, raw: new Uint8Array(row.raw) };
}
