import type { Actor } from "@/lib/auth/actor";
import { appendAuditEntry, type Transaction } from "@/lib/response/audit/append-audit-entry";

import { summaryCounts, type IngestSummary } from "./ingest-summary";

/** Files named in one audit entry; `fileCount` gives the total when a batch has more. */
export const AUDITED_FILES_LIMIT = 500;

/**
 * Appends `ingest.batch_finished` for a batch that is being closed: who ran
 * it, how it ended, its counts and the name and SHA-256 of each file read.
 * Call it in the transaction that closes the batch.
 */
export async function auditBatchFinished(
  tx: Transaction,
  options: { actor: Actor; summary: IngestSummary; status: string },
): Promise<void> {
  const { summary } = options;
  const batch = await tx.ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId }, select: { origin: true } });
  const fileCount = await tx.ingestFile.count({ where: { batchId: summary.batchId } });
  const files = await tx.ingestFile.findMany({
    where: { batchId: summary.batchId },
    orderBy: [{ startedAt: "asc" }, { id: "asc" }],
    take: AUDITED_FILES_LIMIT,
    select: { path: true, sha256: true },
  });
  await appendAuditEntry(tx, {
    actor: options.actor,
    action: "ingest.batch_finished",
    targetType: "ingest_batch",
    targetId: summary.batchId,
    details: {
      origin: batch.origin,
      status: options.status,
      fileCount,
      files,
      counts: summaryCounts(summary),
      signals: summary.signals,
      incidentsCreated: summary.incidentsCreated,
      incidentsUpdated: summary.incidentsUpdated,
    },
  });
}

/**
 * Appends `ingest.file_uploaded` for one file added to an upload batch, with
 * its name, SHA-256 and counts. Call it in the transaction that adds the
 * file's counts to the batch.
 */
export async function auditFileUploaded(
  tx: Transaction,
  options: { actor: Actor; batchId: string; fileId: string; part: IngestSummary },
): Promise<void> {
  const file = await tx.ingestFile.findUniqueOrThrow({
    where: { id: options.fileId },
    select: { path: true, sha256: true, kind: true, status: true },
  });
  await appendAuditEntry(tx, {
    actor: options.actor,
    action: "ingest.file_uploaded",
    targetType: "ingest_batch",
    targetId: options.batchId,
    details: { file: file.path, sha256: file.sha256, kind: file.kind, status: file.status, counts: summaryCounts(options.part) },
  });
}

/** Appends `ingest.upload_started` for a new upload batch. */
export async function auditUploadStarted(tx: Transaction, options: { actor: Actor; batchId: string }): Promise<void> {
  await appendAuditEntry(tx, {
    actor: options.actor,
    action: "ingest.upload_started",
    targetType: "ingest_batch",
    targetId: options.batchId,
  });
}
