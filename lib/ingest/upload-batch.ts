/**
 * A browser upload of many files: one batch, one request per file, then one
 * request that runs detection and correlation. The running summary is kept in
 * `ingest_batches.summary`, so that files uploaded in parallel add to it.
 */
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { toJsonbParameter } from "@/lib/db/sanitize-text";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";

import { auditFileUploaded, auditUploadStarted } from "./audit-ingest";
import { finishIngestBatch, startIngestBatch } from "./ingest-batch";
import type { IngestInput } from "./ingest-input";
import { maxDecompressedBytes } from "./ingest-limits";
import { ingestOneInput } from "./ingest-one-input";
import { emptySummary, mergeSummaries, summaryCounts, type IngestSummary } from "./ingest-summary";

/** Why a request about an upload batch cannot be served. */
export class UploadBatchError extends Error {
  constructor(
    readonly code: "not_found" | "conflict",
    message: string,
  ) {
    super(message);
    this.name = "UploadBatchError";
  }
}

/** Opens an upload batch and audits who opened it. */
export async function startUploadBatch(options: { actor: Actor }): Promise<{ batchId: string }> {
  const summary = await startIngestBatch("upload");
  await db().$transaction(async (tx) => {
    await tx.ingestBatch.update({ where: { id: summary.batchId }, data: { summary: toJson(summary) } });
    await auditUploadStarted(tx, { actor: options.actor, batchId: summary.batchId });
  });
  logger.info({ batchId: summary.batchId }, "upload batch started");
  return { batchId: summary.batchId };
}

/**
 * Ingests one uploaded file into an open upload batch and returns the
 * summary of that file alone. The batch's running summary gets it added, in
 * the transaction that audits the file.
 */
export async function appendUploadFile(options: { batchId: string; input: IngestInput; actor: Actor }): Promise<IngestSummary> {
  const { batchId } = options;
  await requireOpenUploadBatch(batchId);
  const part = emptySummary(batchId);
  const { fileId } = await ingestOneInput(options.input, { batchId, summary: part, maxDecompressedBytes: maxDecompressedBytes() });
  await db().$transaction(async (tx) => {
    // The row lock serialises files of one batch uploaded in parallel.
    const rows = await tx.$queryRaw<Array<{ summary: IngestSummary | null }>>`
      SELECT summary FROM ingest_batches WHERE id = ${batchId}::uuid FOR UPDATE`;
    const total = mergeSummaries(rows[0]?.summary ?? emptySummary(batchId), part);
    await tx.ingestBatch.update({ where: { id: batchId }, data: { summary: toJson(total), ...summaryCounts(total) } });
    await auditFileUploaded(tx, { actor: options.actor, batchId, fileId, part });
  });
  return part;
}

/** Runs detection and correlation over an upload batch, closes and audits it, and returns the whole summary. */
export async function finishUploadBatch(options: { batchId: string; actor: Actor }): Promise<IngestSummary> {
  const { batchId } = options;
  const batch = await requireOpenUploadBatch(batchId);
  const summary = (batch.summary as IngestSummary | null) ?? emptySummary(batchId);
  const incompleteFiles = await db().ingestFile.count({ where: { batchId, status: "incomplete" } });
  const finished = await finishIngestBatch({ summary, incomplete: incompleteFiles > 0, actor: options.actor });
  logger.info({ batchId, files: finished.files, incompleteFiles }, "upload batch finished");
  return finished;
}

async function requireOpenUploadBatch(batchId: string) {
  const batch = await db().ingestBatch.findUnique({ where: { id: batchId }, select: { origin: true, status: true, summary: true } });
  if (!batch || batch.origin !== "upload") {
    throw new UploadBatchError("not_found", `No upload batch ${batchId} exists.`);
  }
  if (batch.status !== "running") {
    throw new UploadBatchError("conflict", `Upload batch ${batchId} is ${batch.status}; start a new upload.`);
  }
  return batch;
}

function toJson(summary: IngestSummary): Prisma.InputJsonValue {
  return JSON.parse(toJsonbParameter(summary)) as Prisma.InputJsonValue;
}
