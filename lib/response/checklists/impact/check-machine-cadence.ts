import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatSpan, listText } from "../format-evidence";
import type { KeyUsage } from "./load-key-usage";

/** Do the calls follow a steady machine cadence? */
export function checkMachineCadence(usage: KeyUsage): ChecklistItemDraft {
  const entries = [...usage.cadenceByKey].filter(([, cadence]) => cadence.calls > 0);
  const facts = entries.map(([key, cadence]) => ({
    label: key,
    value:
      cadence.medianIntervalSeconds === null
        ? `${cadence.calls} calls in ${cadence.bursts} burst`
        : `${cadence.calls} calls in ${cadence.bursts} bursts, every ${formatSpan(cadence.medianIntervalSeconds * 1000)} (median); ` +
          `${Math.round(cadence.regularShare * 100)} % of intervals within 20 % of it`,
    links: [],
  }));
  const steady = entries.filter(([, cadence]) => cadence.steady);
  const data = { cadence: Object.fromEntries(entries) };
  return yesNoItem({
    id: "machine-cadence",
    question: "Do the calls follow a steady machine cadence?",
    evidence: { facts: facts.length > 0 ? facts : [{ label: "Calls", value: "none before the incident", links: [] }] },
    data,
    suggested:
      steady.length > 0
        ? {
            value: "yes",
            indicates: "downtime",
            text: `Yes: ${listText(steady.map(([key, cadence]) => `${key} every ${formatSpan((cadence.medianIntervalSeconds ?? 0) * 1000)} (${Math.round(cadence.regularShare * 100)} % regular)`))}.`,
          }
        : { value: "no", indicates: "safe", text: "No: the calls come at irregular times, as a person's would." },
    alternative: steady.length > 0 ? { indicates: "safe", text: "No: the regular calls come from a person's routine." } : { indicates: "downtime", text: "Yes: a scheduled job runs less often than these logs show." },
  });
}
