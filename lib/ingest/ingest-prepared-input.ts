import { db } from "@/lib/db/client";
import { isDatabaseFailure } from "@/lib/db/is-database-failure";
import { logger, type Logger } from "@/lib/log";

import { ingestAccessAdvisorFile } from "./ingest-access-advisor-file";
import type { CloudTrailWorkerPool } from "./cloudtrail-worker-pool";
import { ingestCloudTrailFile } from "./ingest-cloudtrail-file";
import { countStoredRows } from "./count-stored-rows";
import { PartialFileError } from "./partial-file-error";
import type { FileIngester } from "./ingest-context";
import { finishIngestFileRow, type FileStatus } from "./ingest-file-row";
import { ingestFlowLogFile } from "./ingest-flow-log-file";
import { ingestGuardDutyFile } from "./ingest-guardduty-file";
import { ingestParquetFlowLogFile } from "./ingest-parquet-flow-log-file";
import { describeStoppedInput, InputError } from "./open-input";
import { addFileCounts, type FileCounts, type IngestSummary } from "./ingest-summary";
import type { PreparedInput } from "./prepare-ingest-input";
import { recordCloudTrailDigest } from "./record-cloudtrail-digest";
import { resolveS3Key } from "./resolve-s3-key";
import { hintIsBucketKey, inputKeyHint } from "./ingest-input";
import { storeFileRejection } from "./store-file-rejection";
import type { FileKind, SourceName } from "./types";

/** What every file of a batch shares. */
export interface BatchContext {
  batchId: string;
  summary: IngestSummary;
  /** IAM principal an Access Advisor report without an `Arn` field is about. */
  principalArn?: string;
  maxDecompressedBytes: number;
  /** Worker threads that read the batch's CloudTrail files; the calling thread reads them when unset. */
  cloudTrailWorkers?: CloudTrailWorkerPool;
}

const READERS: Partial<Record<FileKind, { source: SourceName; ingest: FileIngester }>> = {
  cloudtrail: { source: "cloudtrail", ingest: ingestCloudTrailFile },
  "cloudtrail-eventbridge": { source: "cloudtrail", ingest: ingestCloudTrailFile },
  guardduty: { source: "guardduty", ingest: ingestGuardDutyFile },
  vpcflow: { source: "vpcflow", ingest: ingestFlowLogFile },
  "vpcflow-parquet": { source: "vpcflow", ingest: ingestParquetFlowLogFile },
  accessAdvisor: { source: "accessAdvisor", ingest: ingestAccessAdvisorFile },
};

/**
 * Smallest stored file read in a worker thread. Sending a file to a worker
 * costs a few milliseconds, more than reading a small file on the calling
 * thread: 500 files of one record took 6.2 s in workers and 4.5 s without.
 * A delivery file of 10,000 records is about 2 MB of gzip.
 */
const MIN_WORKER_FILE_BYTES = 256 * 1024;

type ReaderResult =
  | { status: "complete"; source: SourceName; counts: FileCounts }
  | { status: "skipped"; reason: string }
  | { status: "rejected"; field: string | null; reason: string; raw?: Buffer };

/**
 * Runs the reader for an input's kind, then reads what the reader left so that
 * the content hash covers the whole file, and records the outcome in the file
 * row and the summary. Returns false when the file could not be read to its end.
 */
export async function ingestPreparedInput(options: {
  prepared: PreparedInput;
  fileId: string;
  batch: BatchContext;
}): Promise<boolean> {
  const { prepared, fileId, batch } = options;
  const log = logger.child({ batchId: batch.batchId, fileId, sourceFile: prepared.label });
  try {
    await db().ingestFile.update({ where: { id: fileId }, data: { kind: prepared.detected.kind } });
    const result = await runReader({ prepared, fileId, batch, log });
    // A reader that returned normally has reported a read failure as a rejection.
    const failure = prepared.content.error;
    await prepared.content.drain();
    const stopped = result.status === "complete" && result.counts.stoppedEarly === true;
    const status: FileStatus = failure || stopped ? "incomplete" : result.status;
    await recordResult({ prepared, fileId, batch, result, status });
    return failure === null && !stopped;
  } catch (error) {
    const reason = describeReaderError(error);
    // The summary and the rejection name a file's failure, so the command line
    // (log level warn) does not repeat it.
    if (isDatabaseFailure(error instanceof PartialFileError ? error.cause : error)) {
      log.warn({ err: error }, "file could not be stored to the end");
    } else {
      log.info({ err: error }, "file could not be read to the end");
    }
    await storeFileRejection({ batchId: batch.batchId, fileId, path: prepared.label, reason });
    // The chunks committed before the failure stay stored, so they are counted.
    // The file's own rejection is counted too, so that a source's `rejected`
    // matches its entries in the summary's list, but not as a record read.
    const stored = error instanceof PartialFileError ? error.counts : await countStoredRows({ batchId: batch.batchId, fileId });
    const counts = { ...stored, rejected: stored.rejected + 1 };
    const source = READERS[prepared.detected.kind]?.source;
    if (source !== undefined) {
      addFileCounts(batch.summary, source, counts);
    }
    await finishIngestFileRow({ fileId, status: "incomplete", reason, counts, prepared });
    await collectRejections(batch.summary, fileId, prepared.label);
    return false;
  } finally {
    await prepared.content.close();
    await prepared.raw.close();
  }
}

/**
 * Returns the reason stored for a file whose reader failed. When the reader
 * had stored the records before an input failure, the reason states that and
 * what to do next.
 */
function describeReaderError(error: unknown): string {
  if (error instanceof PartialFileError && error.cause instanceof InputError) {
    return describeStoppedInput(error.cause);
  }
  return error instanceof Error ? error.message : String(error);
}

async function runReader(options: {
  prepared: PreparedInput;
  fileId: string;
  batch: BatchContext;
  log: Logger;
}): Promise<ReaderResult> {
  const { prepared, fileId, batch, log } = options;
  const { kind } = prepared.detected;
  if (kind === "cloudtrail-digest") {
    const fallbackKey = resolveS3Key({ hint: inputKeyHint(prepared.input), isBucketKey: hintIsBucketKey(prepared.input) });
    const outcome = await recordCloudTrailDigest({ stream: prepared.stream, label: prepared.label, fallbackKey, batchId: batch.batchId, fileId });
    if (!outcome.ok) {
      return { status: "rejected", field: outcome.field, reason: outcome.reason };
    }
    const reason = `CloudTrail digest file: digest recorded; lists ${outcome.logFiles} log ${outcome.logFiles === 1 ? "file" : "files"}`;
    return { status: "skipped", reason };
  }
  const reader = READERS[kind];
  if (!reader) {
    prepared.stream.destroy();
    // The bytes recognised as nothing are kept, so that a file sent over HTTP can still be looked at.
    return { status: "rejected", field: null, reason: prepared.detected.reason, raw: prepared.head };
  }
  const workers = batch.cloudTrailWorkers;
  const large = prepared.size === null || prepared.size >= MIN_WORKER_FILE_BYTES;
  const ingest = workers !== undefined && large && reader.ingest === ingestCloudTrailFile ? workers.ingest.bind(workers) : reader.ingest;
  const counts = await ingest({
    batchId: batch.batchId,
    fileId,
    label: prepared.label,
    stream: prepared.stream,
    filePath: prepared.input.type === "path" && !prepared.compressed ? prepared.input.path : undefined,
    principalArn: batch.principalArn,
    log,
  });
  return { status: "complete", source: reader.source, counts };
}

async function recordResult(options: {
  prepared: PreparedInput;
  fileId: string;
  batch: BatchContext;
  result: ReaderResult;
  status: FileStatus;
}): Promise<void> {
  const { prepared, fileId, batch, result, status } = options;
  const { summary } = batch;
  const file = prepared.label;
  if (result.status === "complete") {
    addFileCounts(summary, result.source, result.counts);
    await finishIngestFileRow({ fileId, status, reason: null, counts: result.counts, prepared });
  } else if (result.status === "skipped") {
    summary.skipped.push({ file, reason: result.reason });
    summary.bySource.cloudtrail.skipped += 1;
    await finishIngestFileRow({ fileId, status, reason: result.reason, counts: null, prepared });
  } else {
    if (prepared.detected.kind === "cloudtrail-digest") {
      // A digest is a CloudTrail file, so its rejection counts there, as a skipped digest does.
      summary.bySource.cloudtrail.rejected += 1;
    }
    const raw = result.raw !== undefined && result.raw.length > 0 ? result.raw : null;
    await storeFileRejection({
      batchId: batch.batchId,
      fileId,
      path: file,
      reason: result.reason,
      field: result.field,
      raw,
      rawTruncated: raw !== null && prepared.content.bytes > raw.length,
    });
    await finishIngestFileRow({ fileId, status, reason: result.reason, counts: null, prepared });
  }
  await collectRejections(summary, fileId, file);
}

/** Copies the rejections stored for a file, per record and whole-file, into the summary. */
export async function collectRejections(summary: IngestSummary, fileId: string, file: string): Promise<void> {
  const rows = await db().rejectedRecord.findMany({
    where: { fileId },
    orderBy: { id: "asc" },
    select: { recordIndex: true, field: true, reason: true },
  });
  for (const row of rows) {
    summary.rejected.push({ file, record: row.recordIndex, field: row.field, reason: row.reason });
  }
}
