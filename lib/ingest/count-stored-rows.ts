import { pgPool } from "@/lib/db/client";

import type { FileCounts } from "./ingest-summary";

interface CountRow {
  events: string;
  flows: string;
  deliveries: string;
  rejected: string;
}

/**
 * Counts what a file stored before its reader failed, from the rows that carry
 * its file id: events and flow records stored, further deliveries of events
 * already stored, and records rejected one by one. Chunks are committed whole,
 * so these are exactly the records kept. Flow records that were already stored
 * leave no row, so the flow readers report their counts in a PartialFileError
 * instead.
 */
export async function countStoredRows(options: { batchId: string; fileId: string }): Promise<FileCounts> {
  const { rows } = await pgPool().query<CountRow>(
    `SELECT
       (SELECT count(*) FROM events WHERE batch_id = $1::uuid AND file_id = $2::uuid) AS events,
       (SELECT count(*) FROM flow_records WHERE batch_id = $1::uuid AND file_id = $2::uuid) AS flows,
       (SELECT count(*) FROM event_deliveries WHERE batch_id = $1::uuid AND file_id = $2::uuid) AS deliveries,
       (SELECT count(*) FROM rejected_records WHERE file_id = $2::uuid AND record_index IS NOT NULL) AS rejected`,
    [options.batchId, options.fileId],
  );
  const row = rows[0]!;
  const inserted = Number(row.events) + Number(row.flows);
  const duplicates = Number(row.deliveries);
  const rejected = Number(row.rejected);
  return { records: inserted + duplicates + rejected, inserted, duplicates, rejected };
}
