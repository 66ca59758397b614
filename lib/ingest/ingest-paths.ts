import { stat } from "node:fs/promises";

import type { Actor } from "@/lib/auth/actor";
import { logger } from "@/lib/log";

import { CloudTrailWorkerPool } from "./cloudtrail-worker-pool";
import { forEachConcurrently } from "./for-each-concurrently";
import { finishIngestBatch, startIngestBatch, type IngestOrigin } from "./ingest-batch";
import { maxDecompressedBytes } from "./ingest-limits";
import type { IngestSummary } from "./ingest-summary";
import { ingestOneInput } from "./ingest-one-input";
import { listInputFiles } from "./list-input-files";
import { storeFileRejection } from "./store-file-rejection";

/**
 * Files ingested at once. Each writes its chunks through its own pooled
 * connection, so one file's parsing overlaps the other's database work.
 */
const FILE_WORKERS = 2;

export interface IngestProgress {
  file: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface IngestPathsOptions {
  paths: string[];
  origin: IngestOrigin;
  principalArn?: string;
  /** Actor running the ingest. When given, closing the batch appends an audit entry naming it. */
  actor?: Actor;
  /** Largest decompressed size of one file; WATCHFLOOR_MAX_DECOMPRESSED_BYTES or 4 GiB unless set. */
  maxDecompressedBytes?: number;
  /**
   * Reads CloudTrail files in worker threads (see cloudtrail-worker-pool.ts).
   * The CLI sets it. The web server reads uploads on its own thread, because
   * its worker threads would have to load the TypeScript sources outside the build.
   */
  readInWorkers?: boolean;
  onProgress?: (progress: IngestProgress) => void;
}

/**
 * Orders the skipped and rejected entries that reading the files added by
 * file, as the files were listed, keeping each file's own order. Files
 * finish in an order that depends on their sizes and on which thread read
 * them. Entries made while listing, before any file was read, stay first.
 */
function inListingOrder(summary: IngestSummary, files: readonly string[], listed: { skipped: number; rejected: number }): void {
  const position = new Map(files.map((file, index) => [file, index]));
  const byFile = (a: { file: string }, b: { file: string }) => (position.get(a.file) ?? -1) - (position.get(b.file) ?? -1);
  summary.skipped.push(...summary.skipped.splice(listed.skipped).sort(byFile));
  summary.rejected.push(...summary.rejected.splice(listed.rejected).sort(byFile));
}

/**
 * Ingests files and folders laid out as AWS writes them, then runs detection
 * and correlation over what was stored. Each file is recognised by its
 * content, so mixed folders work.
 */
export async function ingestPaths(options: IngestPathsOptions): Promise<IngestSummary> {
  const summary = await startIngestBatch(options.origin);
  const { batchId } = summary;
  const log = logger.child({ batchId });
  const { files, unreadable, repeated } = await listInputFiles(options.paths);
  for (const entry of unreadable) {
    summary.rejected.push({ file: entry.path, record: null, field: null, reason: entry.reason });
    await storeFileRejection({ batchId, fileId: null, path: entry.path, reason: entry.reason });
  }
  summary.skipped.push(...repeated);
  // A file removed after listing counts as empty here; reading it reports the loss.
  const sizes = await Promise.all(files.map(async (file) => (await stat(file).catch(() => null))?.size ?? 0));
  const bytesTotal = sizes.reduce((sum, size) => sum + size, 0);
  const workers = options.readInWorkers === true ? new CloudTrailWorkerPool() : undefined;
  const batch = {
    batchId,
    summary,
    principalArn: options.principalArn,
    maxDecompressedBytes: options.maxDecompressedBytes ?? maxDecompressedBytes(),
    cloudTrailWorkers: workers,
  };
  let bytesDone = 0;
  let incomplete = false;
  log.info({ files: files.length, bytesTotal }, "ingest started");

  let filesDone = 0;
  const listed = { skipped: summary.skipped.length, rejected: summary.rejected.length };
  try {
    await forEachConcurrently(files, FILE_WORKERS, async (file, index) => {
      options.onProgress?.({ file, filesDone, filesTotal: files.length, bytesDone, bytesTotal });
      const { complete } = await ingestOneInput({ type: "path", path: file }, batch);
      incomplete ||= !complete;
      bytesDone += sizes[index] ?? 0;
      filesDone += 1;
    });
  } finally {
    await workers?.close();
  }
  inListingOrder(summary, files, listed);
  options.onProgress?.({ file: "", filesDone: files.length, filesTotal: files.length, bytesDone, bytesTotal });

  await finishIngestBatch({ summary, incomplete, actor: options.actor });
  log.info({ inserted: summary.inserted, rejected: summary.rejected.length, incomplete }, "ingest finished");
  return summary;
}
