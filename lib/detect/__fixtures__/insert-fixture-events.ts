import { randomUUID } from "node:crypto";

import { db } from "@/lib/db/client";
import type { EventRow } from "@/lib/ingest/event-row";

import { updateBaselines } from "../update-baselines";
import { buildCloudTrailRow, type JsonRecord, toEventCreateInput } from "./build-cloudtrail-row";

/**
 * Inserts CloudTrail records as one ingest batch would, then updates the
 * baselines with the inserted rows. Returns the batch id for `runDetection`.
 */
export async function insertFixtureEvents(
  records: readonly JsonRecord[],
): Promise<{ batchId: string; rows: EventRow[] }> {
  const batchId = randomUUID();
  const rows = records.map((record, recordIndex) => buildCloudTrailRow(record, { batchId, recordIndex }));
  await db().event.createMany({ data: rows.map(toEventCreateInput) });
  await updateBaselines({ rows });
  return { batchId, rows };
}
