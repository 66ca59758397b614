import { db } from "@/lib/db/client";

import type { IngestBatchListItem } from "./list-ingest-batches";
import { showRawText, type RawText } from "./show-raw-text";

/** Files and rejections a batch page lists; the counts say how many exist. */
export const BATCH_FILES_LIMIT = 1000;
export const BATCH_REJECTIONS_LIMIT = 500;
/** Bytes of a rejected record shown inline; the download has all that was kept. */
export const RAW_PREVIEW_BYTES = 16 * 1024;

export interface IngestBatchFile {
  id: string;
  path: string;
  kind: string;
  status: string;
  reason: string | null;
  records: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** GuardDuty findings already stored that arrived in a new version. */
  updated: number;
  bytes: number | null;
  s3Key: string | null;
  accountId: string | null;
  region: string | null;
  sha256: string | null;
  contentSha256: string | null;
}

export interface IngestBatchRejection {
  id: string;
  fileId: string | null;
  path: string;
  recordIndex: number | null;
  field: string | null;
  reason: string;
  /** The record's bytes as kept, or null for a whole-file rejection. */
  raw: RawText | null;
  /** True when only the first MAX_REJECTED_RAW_BYTES of the record were kept. */
  rawTruncated: boolean;
}

export interface IngestBatchDetail extends IngestBatchListItem {
  fileCount: number;
  rejectionCount: number;
  ingestFiles: IngestBatchFile[];
  rejections: IngestBatchRejection[];
}

/** Returns a batch with its files and rejected records, or null when no batch has this id. */
export async function getIngestBatch(id: string): Promise<IngestBatchDetail | null> {
  const batch = await db().ingestBatch.findUnique({ where: { id }, omit: { summary: true, ownerLockKey: true } });
  if (!batch) {
    return null;
  }
  const [fileCount, rejectionCount, files, rejections] = await Promise.all([
    db().ingestFile.count({ where: { batchId: id } }),
    db().rejectedRecord.count({ where: { batchId: id } }),
    db().ingestFile.findMany({ where: { batchId: id }, orderBy: { startedAt: "asc" }, take: BATCH_FILES_LIMIT }),
    db().rejectedRecord.findMany({ where: { batchId: id }, orderBy: { id: "asc" }, take: BATCH_REJECTIONS_LIMIT }),
  ]);
  return {
    ...batch,
    startedAt: batch.startedAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
    fileCount,
    rejectionCount,
    ingestFiles: files.map((file) => ({
      id: file.id,
      path: file.path,
      kind: file.kind,
      status: file.status,
      reason: file.skipReason,
      records: file.records,
      inserted: file.inserted,
      duplicates: file.duplicates,
      rejected: file.rejected,
      updated: file.updated,
      bytes: file.bytes === null ? null : Number(file.bytes),
      s3Key: file.s3Key,
      accountId: file.accountId,
      region: file.region,
      sha256: file.sha256,
      contentSha256: file.contentSha256,
    })),
    rejections: rejections.map((row) => ({
      id: row.id.toString(),
      fileId: row.fileId,
      path: row.path,
      recordIndex: row.recordIndex,
      field: row.field,
      reason: row.reason,
      raw: row.raw ? showRawText(Buffer.from(row.raw), RAW_PREVIEW_BYTES) : null,
      rawTruncated: row.rawTruncated,
    })),
  };
}

/** Returns a rejected record's kept bytes with the file they came from, or null when none are kept. */
export async function getRejectedRecordRaw(id: bigint): Promise<{ raw: Buffer; path: string; recordIndex: number | null } | null> {
  const row = await db().rejectedRecord.findUnique({ where: { id }, select: { raw: true, path: true, recordIndex: true } });
  if (!row?.raw) {
    return null;
  }
  return { raw: Buffer.from(row.raw), path: row.path, recordIndex: row.recordIndex };
}
