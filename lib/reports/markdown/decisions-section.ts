import { formatUtcSecond } from "../duration-text";
import type { ChecklistEvidence, PostmortemEvidence } from "../evidence/postmortem-evidence";
import { escapeMarkdown, table } from "./markdown-text";

/** Evidence text longer than this is cut in the table. */
const EVIDENCE_CHARS = 160;

/** Writes the decision checklists: each item's recorded response and evidence, and the conclusion. */
export function renderDecisions(evidence: PostmortemEvidence): string {
  if (evidence.checklists.length === 0) {
    return "## Decision analysis\n\nNo checklist answered for this incident.";
  }
  return ["## Decision analysis", ...evidence.checklists.map(renderChecklist)].join("\n\n");
}

function renderChecklist(checklist: ChecklistEvidence): string {
  const conclusion = checklist.conclusion
    ? `**Conclusion: ${escapeMarkdown(checklist.conclusion.conclusion)}.** ${escapeMarkdown(checklist.conclusion.summary)} ` +
      `(decided by ${escapeMarkdown(checklist.conclusion.decidedBy)}, ${formatUtcSecond(checklist.conclusion.decidedAt)} UTC)`
    : "No conclusion recorded.";
  const rows = checklist.answers.map((answer) => [
    escapeMarkdown(answer.itemId),
    escapeMarkdown(answer.answer),
    answer.reason ? escapeMarkdown(answer.reason) : "",
    escapeMarkdown(describeEvidence(answer.evidence)),
    escapeMarkdown(answer.answeredBy),
    formatUtcSecond(answer.answeredAt),
  ]);
  return [
    `### ${escapeMarkdown(checklistTitle(checklist.checklist))}`,
    conclusion,
    rows.length > 0 ? table(["Item", "Answer", "Reason", "Evidence", "By", "At (UTC)"], rows) : "No item answered.",
  ].join("\n\n");
}

/** `credential-compromise` reads `Credential compromise`. */
export function checklistTitle(name: string): string {
  const words = name.replace(/[-_.]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Describes an item's evidence on one line: a string as is, an object as `key: value` pairs. */
function describeEvidence(value: unknown): string {
  let text: string;
  if (typeof value === "string") {
    text = value;
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    text = Object.entries(value as Record<string, unknown>)
      .map(([key, item]) => `${key}: ${typeof item === "object" ? JSON.stringify(item) : String(item)}`)
      .join("; ");
  } else {
    text = value === null || value === undefined ? "" : JSON.stringify(value);
  }
  return text.length > EVIDENCE_CHARS ? `${text.slice(0, EVIDENCE_CHARS - 1)}…` : text;
}
