import { db } from "@/lib/db/client";

import { buildChecklist } from "./build-checklist";
import { CHECKLIST_IDS, type ChecklistDraft, type ChecklistItemDraft, type ConclusionDraft, type Outcome } from "./checklist-types";
import { loadChecklistContext } from "./load-checklist-context";
import { type ItemAnswer, readSnapshot } from "./stored-answer";

export interface ChecklistItemView extends Omit<ChecklistItemDraft, "data"> {
  data: Record<string, unknown>;
  answer: ItemAnswer | null;
}

export interface RecordedConclusion extends ConclusionDraft {
  decidedBy: string;
  decidedAt: string;
  /** True when an answer changed after the conclusion was recorded. */
  stale: boolean;
}

export interface ChecklistView {
  id: ChecklistDraft["id"];
  title: string;
  items: ChecklistItemView[];
  answered: number;
  /** The conclusion from the answers so far, with suggestions standing in for unanswered items. */
  proposed: ConclusionDraft;
  recorded: RecordedConclusion | null;
}

/** Builds the incident's three checklists with the answers and conclusions recorded so far. */
export async function getIncidentChecklists(options: { incidentId: string; now?: Date }): Promise<ChecklistView[]> {
  const context = await loadChecklistContext(options);
  const [answers, conclusions] = await Promise.all([
    db().checklistAnswer.findMany({ where: { incidentId: options.incidentId } }),
    db().checklistConclusion.findMany({ where: { incidentId: options.incidentId } }),
  ]);
  const views: ChecklistView[] = [];
  for (const id of CHECKLIST_IDS) {
    const draft = await buildChecklist(id, context);
    const items = draft.items.map((item): ChecklistItemView => {
      const stored = answers.find((answer) => answer.checklist === id && answer.itemId === item.id);
      return {
        ...item,
        answer: stored
          ? {
              answer: stored.answer === "override" ? "override" : "confirm",
              reason: stored.reason,
              outcome: readSnapshot(stored.evidence).outcome,
              answeredBy: stored.answeredBy,
              answeredAt: stored.answeredAt.toISOString(),
            }
          : null,
      };
    });
    const outcomes = new Map<string, Outcome>(items.map((item) => [item.id, item.answer?.outcome ?? item.suggested]));
    const recorded = conclusions.find((conclusion) => conclusion.checklist === id);
    const lastAnswer = Math.max(0, ...items.map((item) => (item.answer ? Date.parse(item.answer.answeredAt) : 0)));
    views.push({
      id,
      title: draft.title,
      items,
      answered: items.filter((item) => item.answer !== null).length,
      proposed: draft.conclude(outcomes),
      recorded: recorded
        ? {
            conclusion: recorded.conclusion,
            summary: recorded.summary,
            decidedBy: recorded.decidedBy,
            decidedAt: recorded.decidedAt.toISOString(),
            stale: lastAnswer > recorded.decidedAt.getTime(),
          }
        : null,
    });
  }
  return views;
}
