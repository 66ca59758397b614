import { pgPool } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { finishAbandonedUploadBatch } from "./upload-batch";

/** Default time an upload batch may stay open without a file or a finish request. */
export const DEFAULT_UPLOAD_IDLE_MINUTES = 10;

/** Reads WATCHFLOOR_UPLOAD_IDLE_MINUTES; an invalid value raises an error naming it. */
export function uploadIdleMs(): number {
  const text = process.env.WATCHFLOOR_UPLOAD_IDLE_MINUTES;
  if (text === undefined || text.trim() === "") {
    return DEFAULT_UPLOAD_IDLE_MINUTES * 60_000;
  }
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes <= 0) {
    throw new Error(`Invalid WATCHFLOOR_UPLOAD_IDLE_MINUTES "${text}": expected a number of minutes greater than 0`);
  }
  return minutes * 60_000;
}

/**
 * Closes every upload batch left open: `running`, no file being read, and no
 * file started or finished for `idleMs`. Without this, the files of an upload
 * whose tab was closed would be stored but never reach detection. Returns the
 * ids of the batches closed.
 */
export async function finishIdleUploadBatches(options: { idleMs: number }): Promise<string[]> {
  const { rows } = await pgPool().query<{ id: string }>(
    `SELECT b.id::text AS id
     FROM ingest_batches b
     WHERE b.status = 'running' AND b.origin = 'upload'
       AND NOT EXISTS (SELECT 1 FROM ingest_files f WHERE f.batch_id = b.id AND f.status = 'running')
       AND GREATEST(
             b.started_at,
             (SELECT max(COALESCE(f.finished_at, f.started_at)) FROM ingest_files f WHERE f.batch_id = b.id)
           ) < now() - make_interval(secs => $1::double precision / 1000)
     ORDER BY b.started_at`,
    [options.idleMs],
  );
  const closed: string[] = [];
  for (const { id } of rows) {
    if (await finishAbandonedUploadBatch({ batchId: id, idleMs: options.idleMs })) {
      closed.push(id);
    }
  }
  return closed;
}

/**
 * Runs finishIdleUploadBatches every `everyMs` until the returned function is
 * called. A failed round is logged, and the next one tries again.
 */
export function closeIdleUploadBatchesPeriodically(options: { idleMs: number; everyMs: number }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) {
      return;
    }
    running = true;
    finishIdleUploadBatches({ idleMs: options.idleMs })
      .catch((error: unknown) => logger.warn({ err: error }, "could not close upload batches left open"))
      .finally(() => {
        running = false;
      });
  }, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
