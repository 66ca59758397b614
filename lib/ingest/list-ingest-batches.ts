import { db } from "@/lib/db/client";

import { tryMarkInterruptedBatches } from "./mark-interrupted-batches";

/** Number of batches the list returns, newest first. */
export const BATCH_LIST_LIMIT = 200;

export interface IngestBatchListItem {
  id: string;
  origin: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  files: number;
  records: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  rejected: number;
  /** GuardDuty findings already stored that arrived in a new version. */
  updated: number;
  /** Process id and host of the process that ran the batch; null for batches from before they were recorded. */
  ownerPid: number | null;
  ownerHost: string | null;
}

/**
 * Returns the newest ingest batches with their counts. Batches whose process
 * has ended are marked `interrupted` first, so the list never shows a dead
 * ingest as running.
 */
export async function listIngestBatches(): Promise<IngestBatchListItem[]> {
  await tryMarkInterruptedBatches();
  const rows = await db().ingestBatch.findMany({
    orderBy: { startedAt: "desc" },
    take: BATCH_LIST_LIMIT,
    omit: { summary: true, ownerLockKey: true },
  });
  return rows.map((row) => ({
    ...row,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
}
