import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { buildChecklist } from "./build-checklist";
import type { ChecklistId, ConclusionDraft, Outcome } from "./checklist-types";
import { loadChecklistContext } from "./load-checklist-context";
import { readSnapshot } from "./stored-answer";

export interface RecordChecklistConclusionOptions {
  incidentId: string;
  checklist: ChecklistId;
  actor: Actor;
  now?: Date;
}

/**
 * Computes a checklist's conclusion from the recorded answers and stores it
 * with its audit entry, replacing an earlier one. Every item must be answered
 * first; otherwise a `conflict` lists the items still open.
 */
export async function recordChecklistConclusion(options: RecordChecklistConclusionOptions): Promise<ConclusionDraft & { decidedAt: string }> {
  const context = await loadChecklistContext({ incidentId: options.incidentId, now: options.now });
  const draft = await buildChecklist(options.checklist, context);
  const answers = await db().checklistAnswer.findMany({ where: { incidentId: options.incidentId, checklist: options.checklist } });
  const unanswered = draft.items.filter((item) => !answers.some((answer) => answer.itemId === item.id)).map((item) => item.id);
  if (unanswered.length > 0) {
    throw new ApiError("conflict", `Answer every item first; still open: ${unanswered.join(", ")}.`, { details: { unanswered } });
  }
  const outcomes = new Map<string, Outcome>(
    draft.items.map((item) => [item.id, readSnapshot(answers.find((answer) => answer.itemId === item.id)?.evidence).outcome]),
  );
  const conclusion = draft.conclude(outcomes);
  const details = {
    answers: Object.fromEntries([...outcomes].map(([id, outcome]) => [id, { value: outcome.value, indicates: outcome.indicates }])),
    overrides: answers.filter((answer) => answer.answer === "override").map((answer) => answer.itemId),
  };
  const decidedAt = new Date();
  const fields = { conclusion: conclusion.conclusion, summary: conclusion.summary, details, decidedById: options.actor.type === "user" ? options.actor.id : null, decidedBy: options.actor.label, decidedAt };
  const key = { incidentId: options.incidentId, checklist: options.checklist };
  await db().$transaction(async (tx) => {
    await tx.checklistConclusion.upsert({ where: { incidentId_checklist: key }, create: { ...key, ...fields }, update: fields });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "checklist.concluded",
      targetType: "checklist",
      targetId: options.checklist,
      incidentId: options.incidentId,
      details: { checklist: options.checklist, conclusion: conclusion.conclusion, summary: conclusion.summary },
    });
  });
  logger.info({ incidentId: options.incidentId, checklist: options.checklist, conclusion: conclusion.conclusion }, "checklist concluded");
  return { ...conclusion, decidedAt: decidedAt.toISOString() };
}
