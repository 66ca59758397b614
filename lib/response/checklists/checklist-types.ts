/** The three decision checklists, by the id used in URLs and in checklist_answers.checklist. */
export const CHECKLIST_IDS = ["compromise", "disable", "impact"] as const;

export type ChecklistId = (typeof CHECKLIST_IDS)[number];

/** Which way an answer points the checklist's conclusion. */
export type Indication = "compromise" | "legitimate" | "disable" | "wait" | "downtime" | "safe" | "neutral";

/** One possible answer to an item: the suggested one, or what an override means. */
export interface Outcome {
  value: "yes" | "no" | "unknown";
  indicates: Indication;
  /** The answer as a sentence with the numbers behind it. */
  text: string;
}

/** A link to the event, signal or change window behind a fact. */
export interface EvidenceLink {
  label: string;
  href: string;
  /** ISO time of the linked record, when it has one. */
  at: string | null;
}

export interface EvidenceFact {
  label: string;
  value: string;
  links: EvidenceLink[];
}

export interface EvidenceTable {
  columns: string[];
  rows: string[][];
}

/** Evidence shown with an item and stored with its answer. */
export interface Evidence {
  facts: EvidenceFact[];
  table?: EvidenceTable;
}

/** A checklist item computed from the data, before anyone answers it. */
export interface ChecklistItemDraft {
  id: string;
  question: string;
  evidence: Evidence;
  /** Computed values behind the evidence, for conclusions and tests. */
  data: Record<string, unknown>;
  suggested: Outcome;
  /** The outcome an analyst's override records. */
  alternative: Outcome;
}

export interface ConclusionDraft {
  conclusion: string;
  summary: string;
}

/** Items and conclusion rule of one checklist. */
export interface ChecklistDraft {
  id: ChecklistId;
  title: string;
  items: ChecklistItemDraft[];
  /** Computes the conclusion from the effective outcome of each item. */
  conclude: (outcomes: Map<string, Outcome>) => ConclusionDraft;
}

/** Builds an item whose override flips yes and no. */
export function yesNoItem(input: {
  id: string;
  question: string;
  evidence: Evidence;
  data: Record<string, unknown>;
  suggested: Outcome;
  alternative: Omit<Outcome, "value"> & { value?: Outcome["value"] };
}): ChecklistItemDraft {
  const flipped = input.suggested.value === "yes" ? "no" : "yes";
  return { ...input, alternative: { value: input.alternative.value ?? flipped, ...input.alternative } };
}
