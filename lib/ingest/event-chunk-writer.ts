import { pgPool } from "@/lib/db/client";
import { updateBaselines } from "@/lib/detect/update-baselines";

import type { EventRow } from "./event-row";
import type { FileCounts } from "./ingest-summary";
import { storeEventRows } from "./store-events";
import { storeRejections, type RejectionContext } from "./store-rejections";
import type { Rejection } from "./types";

const MAX_CHUNK_ROWS = 2_000;
const MAX_CHUNK_RAW_BYTES = 8 * 1024 * 1024;

/**
 * Collects the rows and rejections of one file and writes them in chunks.
 * Each chunk (events, further deliveries, baselines, rejections and the
 * file's counters) commits in one transaction, so an ingest stopped at any
 * point leaves whole chunks only, and a rerun stores exactly what is missing.
 */
export class EventChunkWriter {
  readonly counts: FileCounts = { records: 0, inserted: 0, duplicates: 0, rejected: 0 };
  private rows: EventRow[] = [];
  private rejections: Rejection[] = [];
  private rawBytes = 0;

  constructor(private readonly context: RejectionContext & { fileId: string }) {}

  async addRow(row: EventRow): Promise<void> {
    this.rows.push(row);
    this.rawBytes += row.raw.length;
    this.counts.records += 1;
    if (this.rows.length >= MAX_CHUNK_ROWS || this.rawBytes >= MAX_CHUNK_RAW_BYTES) {
      await this.flush();
    }
  }

  async addRejection(rejection: Rejection): Promise<void> {
    this.rejections.push(rejection);
    this.counts.rejected += 1;
    if (rejection.recordIndex !== null) {
      this.counts.records += 1;
    }
    if (this.rejections.length >= MAX_CHUNK_ROWS) {
      await this.flush();
    }
  }

  /** Writes what has been collected; a no-op when nothing is pending. */
  async flush(): Promise<void> {
    if (this.rows.length === 0 && this.rejections.length === 0) {
      return;
    }
    const rows = this.rows;
    const rejections = this.rejections;
    this.rows = [];
    this.rejections = [];
    this.rawBytes = 0;
    const client = await pgPool().connect();
    try {
      await client.query("BEGIN");
      const stored = await storeEventRows(client, rows);
      await updateBaselines({ rows: stored.inserted, client });
      await storeRejections(client, this.context, rejections);
      await client.query(
        `UPDATE ingest_files SET records = records + $2, inserted = inserted + $3, duplicates = duplicates + $4,
           rejected = rejected + $5 WHERE id = $1`,
        [this.context.fileId, rows.length + rejections.length, stored.inserted.length, stored.duplicates.length, rejections.length],
      );
      await client.query("COMMIT");
      this.counts.inserted += stored.inserted.length;
      this.counts.duplicates += stored.duplicates.length;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
