import type { PoolClient } from "pg";

import { inTransaction } from "@/lib/db/client";
import { updateBaselines } from "@/lib/detect/update-baselines";
import { logger } from "@/lib/log";

import type { EventRow } from "./event-row";
import type { FileCounts } from "./ingest-summary";
import { refreshGrownTables } from "./refresh-planner-statistics";
import { storeEventRows, type StoreResult } from "./store-events";
import { storeRejections, type RejectionContext } from "./store-rejections";
import type { Rejection } from "./types";

// Larger chunks mean fewer transactions, lookups and baseline upserts per
// event; 5,000 rows of about 1 KB each keep a chunk near 5 MB in memory.
const MAX_CHUNK_ROWS = 5_000;
const MAX_CHUNK_RAW_BYTES = 8 * 1024 * 1024;
const DEADLOCK_DETECTED = "40P01";
const MAX_ATTEMPTS = 3;

interface Chunk {
  rows: EventRow[];
  rejections: Rejection[];
}

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
    const chunk: Chunk = { rows: this.rows, rejections: this.rejections };
    this.rows = [];
    this.rejections = [];
    this.rawBytes = 0;
    const stored = await this.writeWithRetry(chunk);
    this.counts.inserted += stored.inserted.length;
    this.counts.duplicates += stored.duplicates.length;
    await refreshGrownTables();
  }

  /**
   * Two writers that store the same events or touch the same baseline rows
   * can deadlock; PostgreSQL then fails one transaction, which is rolled back
   * whole and can be written again.
   */
  private async writeWithRetry(chunk: Chunk): Promise<StoreResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.writeChunk(chunk);
      } catch (error) {
        if ((error as { code?: unknown }).code !== DEADLOCK_DETECTED || attempt >= MAX_ATTEMPTS) {
          throw error;
        }
        logger.warn({ err: error, fileId: this.context.fileId, attempt }, "chunk deadlocked; writing it again");
      }
    }
  }

  private async writeChunk(chunk: Chunk): Promise<StoreResult> {
    return inTransaction(async (client) => {
      // Not waiting for the WAL flush at each commit lets the next chunk
      // start at once. A server crash can then lose the last chunks committed
      // (whole chunks, never part of one) but not the file's "complete" mark
      // without them: that mark commits synchronously later, and flushing its
      // WAL flushes everything written before it. A rerun stores what was lost.
      await client.query("SET LOCAL synchronous_commit = off");
      const stored = await storeEventRows(client, chunk.rows);
      await storeRejections(client, this.context, chunk.rejections);
      await this.addFileCounts(client, chunk, stored);
      // Last, because the baseline rows are the ones concurrent writers share:
      // their row locks are then held only until the commit just after.
      await updateBaselines({ rows: stored.inserted, client });
      return stored;
    });
  }

  private async addFileCounts(client: PoolClient, chunk: Chunk, stored: StoreResult): Promise<void> {
    await client.query(
      `UPDATE ingest_files SET records = records + $2, inserted = inserted + $3, duplicates = duplicates + $4,
         rejected = rejected + $5 WHERE id = $1`,
      [
        this.context.fileId,
        chunk.rows.length + chunk.rejections.length,
        stored.inserted.length,
        stored.duplicates.length,
        chunk.rejections.length,
      ],
    );
  }
}
