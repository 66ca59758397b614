import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { buildChecklist } from "./build-checklist";
import type { ChecklistId, Outcome } from "./checklist-types";
import { loadChecklistContext } from "./load-checklist-context";
import type { AnswerSnapshot } from "./stored-answer";

export interface AnswerChecklistItemOptions {
  incidentId: string;
  checklist: ChecklistId;
  itemId: string;
  /** `confirm` takes the suggested answer; `override` records the opposite and needs a reason. */
  answer: "confirm" | "override";
  reason?: string | null;
  actor: Actor;
  now?: Date;
}

/**
 * Records an analyst's answer to one checklist item with a snapshot of the
 * evidence it was given on, replacing any earlier answer, and audits it in
 * the same transaction.
 */
export async function answerChecklistItem(options: AnswerChecklistItemOptions): Promise<{ itemId: string; answer: string; outcome: Outcome }> {
  const reason = options.reason?.trim() || null;
  if (options.answer === "override" && reason === null) {
    throw new ApiError("validation_failed", "An override needs a reason.", { field: "body.reason" });
  }
  const context = await loadChecklistContext({ incidentId: options.incidentId, now: options.now });
  const draft = await buildChecklist(options.checklist, context);
  const item = draft.items.find((candidate) => candidate.id === options.itemId);
  if (!item) {
    throw new ApiError("not_found", `The ${options.checklist} checklist has no item ${options.itemId}.`, {
      details: { items: draft.items.map((candidate) => candidate.id) },
    });
  }
  const outcome = options.answer === "confirm" ? item.suggested : item.alternative;
  const snapshot: AnswerSnapshot = { question: item.question, evidence: item.evidence, data: item.data, suggested: item.suggested, outcome };
  const evidence = JSON.parse(JSON.stringify(snapshot)) as Prisma.InputJsonValue;
  const key = { incidentId: options.incidentId, checklist: options.checklist, itemId: options.itemId };
  const fields = { answer: options.answer, reason, evidence, answeredById: options.actor.type === "user" ? options.actor.id : null, answeredBy: options.actor.label, answeredAt: new Date() };
  await db().$transaction(async (tx) => {
    await tx.checklistAnswer.upsert({ where: { incidentId_checklist_itemId: key }, create: { ...key, ...fields }, update: fields });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "checklist.answered",
      targetType: "checklist_item",
      targetId: `${options.checklist}/${options.itemId}`,
      incidentId: options.incidentId,
      details: { checklist: options.checklist, itemId: options.itemId, answer: options.answer, reason, value: outcome.value, indicates: outcome.indicates },
    });
  });
  logger.info({ incidentId: options.incidentId, checklist: options.checklist, itemId: options.itemId, answer: options.answer }, "checklist item answered");
  return { itemId: item.id, answer: options.answer, outcome };
}
