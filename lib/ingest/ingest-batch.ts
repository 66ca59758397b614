import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { toJsonbParameter } from "@/lib/db/sanitize-text";
import { runDetection } from "@/lib/detect/run-detection";
import { correlateSignals } from "@/lib/incidents/correlate-signals";
import { notifyChanges } from "@/lib/live/notify-changes";

import { auditBatchFinished } from "./audit-ingest";
import { currentBatchOwner } from "./batch-owner";
import { emptySummary, summaryCounts, type IngestSummary } from "./ingest-summary";
import { tryMarkInterruptedBatches } from "./mark-interrupted-batches";
import { refreshPlannerStatistics } from "./refresh-planner-statistics";

/** Where an ingest came from, stored in `ingest_batches.origin`. */
export type IngestOrigin = "cli" | "demo" | "upload" | "api" | "test";

/**
 * Creates a batch in state `running`, owned by this process, and an empty
 * summary for it. Batches left `running` by processes that have ended are
 * marked `interrupted` first.
 */
export async function startIngestBatch(origin: IngestOrigin): Promise<IngestSummary> {
  await tryMarkInterruptedBatches();
  const owner = await currentBatchOwner();
  const batch = await db().ingestBatch.create({
    data: { origin, ownerLockKey: owner.lockKey, ownerPid: owner.pid, ownerHost: owner.host },
    select: { id: true },
  });
  return emptySummary(batch.id);
}

/**
 * Runs detection over what the batch stored and correlation over all signals,
 * then closes the batch as `complete`, or `incomplete` when a file could not
 * be read to its end. With an actor, the same transaction that closes the
 * batch appends its `ingest.batch_finished` audit entry.
 */
export async function finishIngestBatch(options: {
  summary: IngestSummary;
  incomplete: boolean;
  actor?: Actor;
}): Promise<IngestSummary> {
  const { summary } = options;
  const detection = await inPhase("detection", summary, async () => {
    await refreshPlannerStatistics(summary.inserted);
    const result = await runDetection({ batchId: summary.batchId });
    for (const batchId of await unfinishedBatchesSeenAgain(summary.batchId)) {
      result.signals += (await runDetection({ batchId })).signals;
    }
    return result;
  });
  const correlation = await inPhase("correlation", summary, () => correlateSignals());
  summary.signals = detection.signals;
  summary.incidentsCreated = correlation.incidentsCreated;
  summary.incidentsUpdated = correlation.incidentsUpdated;
  const status = options.incomplete ? "incomplete" : "complete";
  await db().$transaction(async (tx) => {
    await tx.ingestBatch.update({
      where: { id: summary.batchId },
      data: {
        status,
        finishedAt: new Date(),
        ...summaryCounts(summary),
        summary: JSON.parse(toJsonbParameter(summary)),
      },
    });
    if (options.actor) {
      await auditBatchFinished(tx, { actor: options.actor, summary, status });
    }
  });
  // Open timelines and incident lists refresh from this notification.
  await notifyChanges({ batchId: summary.batchId, incidentIds: correlation.incidentIds });
  return summary;
}

/**
 * Error of detection or correlation after a batch's records were stored. Its
 * message names the phase, the batch and the next step: ingesting the same
 * files again runs detection over the records kept.
 */
export class BatchPhaseError extends Error {
  readonly phase: "detection" | "correlation";
  readonly batchId: string;

  constructor(phase: "detection" | "correlation", summary: IngestSummary, cause: unknown) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    super(
      `${phase} failed for ingest batch ${summary.batchId} after ${summary.inserted} new records were stored: ${detail}. ` +
        "The stored records are kept and the batch stays unfinished; ingest the same files again to run detection over them",
      { cause },
    );
    this.name = "BatchPhaseError";
    this.phase = phase;
    this.batchId = summary.batchId;
  }
}

async function inPhase<T>(phase: "detection" | "correlation", summary: IngestSummary, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new BatchPhaseError(phase, summary, error);
  }
}

/**
 * Batches still `running` or `interrupted` whose events this batch delivered
 * again. An ingest that was killed stores whole chunks but never runs
 * detection. When the same files are ingested again, their events are
 * duplicates of the killed batch's rows, so detection runs over that batch
 * too. Detection is idempotent, so a batch that is in fact still running loses
 * nothing.
 */
async function unfinishedBatchesSeenAgain(batchId: string): Promise<string[]> {
  const rows = await db().$queryRaw<Array<{ batch_id: string }>>`
    SELECT DISTINCT e.batch_id::text AS batch_id
    FROM event_deliveries d
    JOIN events e ON e.source = d.source AND e.natural_id = d.natural_id
    JOIN ingest_batches b ON b.id = e.batch_id
    WHERE d.batch_id = ${batchId}::uuid AND b.status IN ('running', 'interrupted') AND b.id <> ${batchId}::uuid`;
  return rows.map((row) => row.batch_id);
}
