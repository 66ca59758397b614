import { db } from "@/lib/db/client";

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
}

/** Returns the newest ingest batches with their counts. */
export async function listIngestBatches(): Promise<IngestBatchListItem[]> {
  const rows = await db().ingestBatch.findMany({
    orderBy: { startedAt: "desc" },
    take: BATCH_LIST_LIMIT,
    omit: { summary: true },
  });
  return rows.map((row) => ({
    ...row,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
}
