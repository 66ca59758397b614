import { db } from "@/lib/db/client";

import type { ChecklistEvidence } from "./postmortem-evidence";

/** Loads the answered checklists of an incident with their conclusions, by checklist name. */
export async function loadChecklistEvidence(incidentId: string): Promise<ChecklistEvidence[]> {
  const [answers, conclusions] = await Promise.all([
    db().checklistAnswer.findMany({ where: { incidentId }, orderBy: [{ checklist: "asc" }, { id: "asc" }] }),
    db().checklistConclusion.findMany({ where: { incidentId }, orderBy: { checklist: "asc" } }),
  ]);
  const names = [...new Set([...answers.map((row) => row.checklist), ...conclusions.map((row) => row.checklist)])];
  return names.map((checklist) => {
    const conclusion = conclusions.find((row) => row.checklist === checklist);
    return {
      checklist,
      answers: answers
        .filter((row) => row.checklist === checklist)
        .map((row) => ({
          itemId: row.itemId,
          answer: row.answer,
          reason: row.reason,
          evidence: row.evidence,
          answeredBy: row.answeredBy,
          answeredAt: row.answeredAt.toISOString(),
        })),
      conclusion: conclusion
        ? {
            conclusion: conclusion.conclusion,
            summary: conclusion.summary,
            decidedBy: conclusion.decidedBy,
            decidedAt: conclusion.decidedAt.toISOString(),
          }
        : null,
    };
  });
}
