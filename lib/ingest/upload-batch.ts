/**
 * A browser upload of many files: one batch, one request per file, then one
 * request that runs detection and correlation. The running summary is kept in
 * `ingest_batches.summary`, so that files uploaded in parallel add to it.
 */
import { SYSTEM_ACTOR, type Actor } from "@/lib/auth/actor";
import { connectClient, db } from "@/lib/db/client";
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
    readonly code: "not_found" | "conflict" | "forbidden",
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
    await tx.ingestBatch.update({ where: { id: summary.batchId }, data: { summary: toJson(summary), openedBy: actorKey(options.actor) } });
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
export async function appendUploadFile(options: {
  batchId: string;
  input: IngestInput;
  actor: Actor;
  /** IAM principal an Access Advisor report without an `Arn` field is about. */
  principalArn?: string;
}): Promise<IngestSummary> {
  const { batchId } = options;
  await requireOpenUploadBatch(batchId, options.actor);
  const part = emptySummary(batchId);
  const { fileId } = await ingestOneInput(options.input, {
    batchId,
    summary: part,
    maxDecompressedBytes: maxDecompressedBytes(),
    principalArn: options.principalArn,
  });
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
  const finished = await withFinishLock(batchId, async () => {
    const batch = await requireOpenUploadBatch(batchId, options.actor);
    const summary = (batch.summary as IngestSummary | null) ?? emptySummary(batchId);
    const incompleteFiles = await db().ingestFile.count({ where: { batchId, status: "incomplete" } });
    const result = await finishIngestBatch({ summary, incomplete: incompleteFiles > 0, actor: options.actor });
    logger.info({ batchId, files: result.files, incompleteFiles }, "upload batch finished");
    return result;
  });
  if (finished === null) {
    throw new UploadBatchError("conflict", `Upload batch ${batchId} is being finished by another request.`);
  }
  return finished;
}

/**
 * Closes an upload batch that its uploader left open: no file arrived and no
 * finish was requested for `idleMs` (a closed tab, a lost connection).
 * Detection and correlation run over the files stored, and the batch is
 * marked `incomplete` because some files may never have been sent. Returns
 * false when the batch was no longer open or another request was finishing it.
 */
export async function finishAbandonedUploadBatch(options: { batchId: string; idleMs: number }): Promise<boolean> {
  const { batchId } = options;
  const finished = await withFinishLock(batchId, async () => {
    const batch = await db().ingestBatch.findUnique({ where: { id: batchId }, select: { status: true, summary: true } });
    if (batch?.status !== "running") {
      return false;
    }
    const summary = (batch.summary as IngestSummary | null) ?? emptySummary(batchId);
    await finishIngestBatch({ summary, incomplete: true, actor: SYSTEM_ACTOR });
    logger.warn({ batchId, files: summary.files, idleMinutes: Math.round(options.idleMs / 60_000) }, "closed an upload batch left open by its uploader");
    return true;
  });
  return finished === true;
}

/**
 * Runs `task` holding a session advisory lock on the batch, so that a finish
 * request and the closing of an abandoned batch never run together. Returns
 * null without running it when another session holds the lock.
 */
async function withFinishLock<T>(batchId: string, task: () => Promise<T>): Promise<T | null> {
  const lockName = `ingest-batch-finish:${batchId}`;
  const client = await connectClient();
  let failed = false;
  try {
    const lock = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS taken", [lockName]);
    if (lock.rows[0]?.taken !== true) {
      return null;
    }
    try {
      return await task();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [lockName]);
    }
  } catch (error) {
    // The lock may still be held if unlocking failed: the connection is closed, not pooled.
    failed = true;
    throw error;
  } finally {
    client.release(failed);
  }
}

/** Returns the key an upload batch records its opener under: `user:<id>`, `token:<id>` or `system:<label>`. */
function actorKey(actor: Actor): string {
  return actor.id === null ? `${actor.type}:${actor.label}` : `${actor.type}:${actor.id}`;
}

async function requireOpenUploadBatch(batchId: string, actor: Actor) {
  const batch = await db().ingestBatch.findUnique({ where: { id: batchId }, select: { origin: true, status: true, summary: true, openedBy: true } });
  if (!batch || batch.origin !== "upload") {
    throw new UploadBatchError("not_found", `No upload batch ${batchId} exists.`);
  }
  // Batches opened before openers were recorded have none, and stay open to every uploader.
  if (batch.openedBy !== null && batch.openedBy !== actorKey(actor) && actor.role !== "admin") {
    throw new UploadBatchError("forbidden", `Upload batch ${batchId} was opened by another user or token; start an upload of your own.`);
  }
  if (batch.status !== "running") {
    throw new UploadBatchError("conflict", `Upload batch ${batchId} is ${batch.status}; start a new upload.`);
  }
  return batch;
}

function toJson(summary: IngestSummary): Prisma.InputJsonValue {
  return JSON.parse(toJsonbParameter(summary)) as Prisma.InputJsonValue;
}
