import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatTime, listText, plural } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { isWorkloadAgent } from "./classify-user-agent";
import type { KeyUsage } from "./load-key-usage";

/** Workload keys: long-term keys used by an SDK, a runtime or an AWS service before the incident. */
export function workloadKeys(usage: KeyUsage): string[] {
  return [
    ...new Set(
      usage.rows
        .filter((row) => row.accessKeyId.startsWith("AKIA") && isWorkloadAgent(row.agentClass))
        .map((row) => row.accessKeyId),
    ),
  ];
}

/** Builds the item on key use: which hosts and agents used each access key in the 30 days before the incident. */
export function checkKeyUsage(context: ChecklistContext, usage: KeyUsage): ChecklistItemDraft {
  const keys = workloadKeys(usage);
  const table = {
    columns: ["Access key", "Address or service", "User agent", "Calls", "Last seen (UTC)"],
    rows: usage.rows.map((row) => [row.accessKeyId, row.host, row.userAgent ?? "—", String(row.calls), formatTime(row.lastSeen)]),
  };
  const facts = [{ label: "Period", value: `${formatTime(usage.from)} – ${formatTime(usage.to)}`, links: [] }];
  const data = { rows: usage.rows, workloadKeys: keys };
  const question = "Did a workload use the principal's long-term keys in the 30 days before the incident?";
  if (keys.length > 0) {
    const hosts = listText([...new Set(usage.rows.filter((row) => keys.includes(row.accessKeyId)).map((row) => row.host))]);
    return yesNoItem({
      id: "key-usage",
      question,
      evidence: { facts, table },
      data,
      suggested: { value: "yes", indicates: "downtime", text: `Yes: ${listText(keys)} served ${hosts} through SDK or service clients.` },
      alternative: { indicates: "safe", text: "No: those clients were retired before the incident." },
    });
  }
  return yesNoItem({
    id: "key-usage",
    question,
    evidence: { facts, table },
    data,
    suggested: {
      value: "no",
      indicates: "safe",
      text: usage.rows.length === 0 ? `No: ${context.principal.name} made no call in the 30 days before.` : `No: ${plural(usage.rows.reduce((sum, row) => sum + row.calls, 0), "call")} before the incident, none by a workload with a long-term key.`,
    },
    alternative: { indicates: "downtime", text: "Yes: a workload uses the keys in a way these logs do not show." },
  });
}
