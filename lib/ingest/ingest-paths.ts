import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";

import { db } from "@/lib/db/client";
import { runDetection } from "@/lib/detect/run-detection";
import { correlateSignals } from "@/lib/incidents/correlate-signals";
import { notifyChanges } from "@/lib/live/notify-changes";
import { logger } from "@/lib/log";

import { detectFileKind } from "./detect-file-kind";
import { hashFile } from "./hash-file";
import { ingestAccessAdvisorFile } from "./ingest-access-advisor-file";
import { ingestCloudTrailFile } from "./ingest-cloudtrail-file";
import { ingestFlowLogFile } from "./ingest-flow-log-file";
import { ingestGuardDutyFile } from "./ingest-guardduty-file";
import type { FileIngester } from "./ingest-context";
import { addFileCounts, emptySummary, type IngestSummary } from "./ingest-summary";
import { listInputFiles } from "./list-input-files";
import { openInput } from "./open-input";
import { parseS3Key } from "./parse-s3-key";
import { peekStream } from "./peek-stream";
import { storeFileRejection } from "./store-file-rejection";
import type { FileKind, SourceName } from "./types";

/** Bytes read ahead to recognise a file's type from its content. */
const HEAD_BYTES = 64 * 1024;

export interface IngestProgress {
  file: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface IngestPathsOptions {
  paths: string[];
  /** Who started the ingest: cli, demo, upload or api. */
  origin: string;
  principalArn?: string;
  onProgress?: (progress: IngestProgress) => void;
}

const INGESTERS: Partial<Record<FileKind, { source: SourceName; ingest: FileIngester }>> = {
  cloudtrail: { source: "cloudtrail", ingest: ingestCloudTrailFile },
  "cloudtrail-eventbridge": { source: "cloudtrail", ingest: ingestCloudTrailFile },
  guardduty: { source: "guardduty", ingest: ingestGuardDutyFile },
  vpcflow: { source: "vpcflow", ingest: ingestFlowLogFile },
  accessAdvisor: { source: "accessAdvisor", ingest: ingestAccessAdvisorFile },
};

const DIGEST_REASON =
  "CloudTrail digest file: it lists delivered log files and their hashes and holds no events";

/**
 * Ingests files and folders laid out as AWS writes them, then runs detection
 * and correlation over what was stored. Each file is recognised by its
 * content, so mixed folders work.
 */
export async function ingestPaths(options: IngestPathsOptions): Promise<IngestSummary> {
  const batch = await db().ingestBatch.create({ data: { origin: options.origin } });
  const log = logger.child({ batchId: batch.id });
  const summary = emptySummary(batch.id);
  const { files, missing } = await listInputFiles(options.paths);
  for (const entry of missing) {
    summary.rejected.push({ file: entry.path, record: null, field: null, reason: entry.reason });
    await storeFileRejection({ batchId: batch.id, fileId: null, path: entry.path, reason: entry.reason });
  }
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  const bytesTotal = sizes.reduce((sum, size) => sum + size, 0);
  let bytesDone = 0;
  let incomplete = false;
  log.info({ files: files.length, bytesTotal }, "ingest started");

  for (const [index, file] of files.entries()) {
    options.onProgress?.({ file, filesDone: index, filesTotal: files.length, bytesDone, bytesTotal });
    const ok = await ingestOneFile({ file, size: sizes[index] ?? 0, batchId: batch.id, summary, options });
    incomplete ||= !ok;
    bytesDone += sizes[index] ?? 0;
  }
  options.onProgress?.({ file: "", filesDone: files.length, filesTotal: files.length, bytesDone, bytesTotal });

  const detection = await runDetection({ batchId: batch.id });
  const correlation = await correlateSignals();
  summary.signals = detection.signals;
  summary.incidentsCreated = correlation.incidentsCreated;
  summary.incidentsUpdated = correlation.incidentsUpdated;
  await finishBatch(batch.id, summary, incomplete);
  await notifyChanges({ batchId: batch.id, incidentIds: correlation.incidentIds });
  log.info({ inserted: summary.inserted, rejected: summary.rejected.length, incomplete }, "ingest finished");
  return summary;
}

async function finishBatch(batchId: string, summary: IngestSummary, incomplete: boolean): Promise<void> {
  await db().ingestBatch.update({
    where: { id: batchId },
    data: {
      status: incomplete ? "incomplete" : "complete",
      finishedAt: new Date(),
      files: summary.files,
      records: summary.records,
      inserted: summary.inserted,
      duplicates: summary.duplicates,
      skipped: summary.skipped.length,
      rejected: summary.rejected.length,
      summary: JSON.parse(JSON.stringify(summary)),
    },
  });
}

interface OneFile {
  file: string;
  size: number;
  batchId: string;
  summary: IngestSummary;
  options: IngestPathsOptions;
}

/** Ingests one file; returns false when it could not be read to the end. */
async function ingestOneFile({ file, size, batchId, summary, options }: OneFile): Promise<boolean> {
  const key = parseS3Key(file);
  const row = await db().ingestFile.create({
    data: {
      batchId,
      path: file,
      sha256: await hashFile(file),
      bytes: BigInt(size),
      kind: key?.kind ?? "unknown",
      orgId: key?.orgId ?? null,
      accountId: key?.accountId ?? null,
      region: key?.region ?? null,
      slot: key?.slot ?? null,
    },
  });
  const log = logger.child({ batchId, sourceFile: file });
  summary.files += 1;
  let stream: Readable | null = null;
  try {
    const opened = await openInput({ path: file });
    const peeked = await peekStream(opened.stream, HEAD_BYTES);
    stream = peeked.stream;
    const detected = detectFileKind({ key: file, head: peeked.head });
    await db().ingestFile.update({ where: { id: row.id }, data: { kind: detected.kind } });
    if (detected.kind === "cloudtrail-digest") {
      summary.skipped.push({ file, reason: DIGEST_REASON });
      summary.bySource.cloudtrail.skipped += 1;
      await markFile(row.id, "skipped", DIGEST_REASON);
      stream.destroy();
      return true;
    }
    const ingester = INGESTERS[detected.kind];
    if (!ingester) {
      const reason = detected.reason;
      summary.rejected.push({ file, record: null, field: null, reason });
      await storeFileRejection({ batchId, fileId: row.id, path: file, reason });
      await markFile(row.id, "rejected", reason);
      stream.destroy();
      return true;
    }
    const counts = await ingester.ingest({ batchId, fileId: row.id, label: file, stream, principalArn: options.principalArn, log });
    addFileCounts(summary, ingester.source, counts);
    await collectRejections(summary, row.id, file);
    await markFile(row.id, "complete", null);
    return true;
  } catch (error) {
    stream?.destroy();
    const reason = error instanceof Error ? error.message : String(error);
    log.warn({ err: error }, "file could not be read to the end");
    summary.rejected.push({ file, record: null, field: null, reason });
    await storeFileRejection({ batchId, fileId: row.id, path: file, reason });
    await markFile(row.id, "incomplete", reason);
    await collectRejections(summary, row.id, file);
    return false;
  }
}

async function markFile(fileId: string, status: string, reason: string | null): Promise<void> {
  await db().ingestFile.update({
    where: { id: fileId },
    data: { status, skipReason: reason, finishedAt: new Date() },
  });
}

/** Copies the per-record rejections stored for a file into the summary. */
async function collectRejections(summary: IngestSummary, fileId: string, file: string): Promise<void> {
  const rows = await db().rejectedRecord.findMany({
    where: { fileId, recordIndex: { not: null } },
    orderBy: { id: "asc" },
    select: { recordIndex: true, field: true, reason: true },
  });
  for (const row of rows) {
    summary.rejected.push({ file, record: row.recordIndex, field: row.field, reason: row.reason });
  }
}
