import type { Evidence, Outcome } from "./checklist-types";

/** Contents of checklist_answers.evidence: the evidence as the analyst saw it and the outcome recorded. */
export interface AnswerSnapshot {
  question: string;
  evidence: Evidence;
  data: Record<string, unknown>;
  suggested: Outcome;
  outcome: Outcome;
}

export interface ItemAnswer {
  answer: "confirm" | "override";
  reason: string | null;
  outcome: Outcome;
  answeredBy: string;
  answeredAt: string;
}

export function readSnapshot(value: unknown): AnswerSnapshot {
  return value as AnswerSnapshot;
}
