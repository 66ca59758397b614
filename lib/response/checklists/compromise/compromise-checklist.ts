import type { ChecklistDraft, ConclusionDraft, Outcome } from "../checklist-types";
import { listText, plural } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { checkChangeWindow } from "./check-change-window";
import { checkKeyThenAdmin } from "./check-key-then-admin";
import { checkMfa } from "./check-mfa";
import { checkSourceAddress } from "./check-source-address";
import { checkUsualHours } from "./check-usual-hours";
import { checkUserAgent } from "./check-user-agent";

const LABELS: Record<string, string> = {
  "change-window": "no change window",
  "source-address": "a new source address",
  "new-key-then-admin": "a new key followed by administrator privileges",
  mfa: "no MFA",
  "user-agent": "a new user agent",
  "usual-hours": "activity outside usual hours",
};

/** Builds "Compromise or legitimate admin?" for an incident. */
export async function buildCompromiseChecklist(context: ChecklistContext): Promise<ChecklistDraft> {
  const items = [
    await checkChangeWindow(context),
    await checkSourceAddress(context),
    checkKeyThenAdmin(context),
    await checkMfa(context),
    await checkUserAgent(context),
    await checkUsualHours(context),
  ];
  return { id: "compromise", title: "Compromise or legitimate admin?", items, conclude: concludeCompromise };
}

/**
 * Compromise when two or more answers point to it; legitimate administration
 * when a change window covers the activity and no answer points to a
 * compromise; undetermined otherwise.
 */
export function concludeCompromise(outcomes: Map<string, Outcome>): ConclusionDraft {
  const pointing = (indication: string) => [...outcomes].filter(([, outcome]) => outcome.indicates === indication).map(([id]) => id);
  const compromise = pointing("compromise");
  const legitimate = pointing("legitimate");
  const reasons = listText(compromise.map((id) => LABELS[id] ?? id));
  if (compromise.length >= 2) {
    return {
      conclusion: "compromise",
      summary: `Compromise: ${compromise.length} of ${outcomes.size} answers point to it (${reasons}).`,
    };
  }
  const window = outcomes.get("change-window");
  if (compromise.length === 0 && window?.value === "yes") {
    return {
      conclusion: "legitimate_admin",
      summary: `Legitimate administration: ${window.text.replace(/^Yes: /, "")} No answer points to a compromise.`,
    };
  }
  return {
    conclusion: "undetermined",
    summary:
      `Undetermined: ${plural(compromise.length, "answer")} point${compromise.length === 1 ? "s" : ""} to a compromise` +
      `${compromise.length > 0 ? ` (${reasons})` : ""} and ${legitimate.length} to legitimate administration.`,
  };
}
