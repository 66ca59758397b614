import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { listText, plural } from "../format-evidence";
import { productToken } from "../compromise/check-user-agent";
import { runsOnAmazonLinux } from "./classify-user-agent";
import type { KeyUsage } from "./load-key-usage";

/** Do user agents of compute runtimes or SDKs sign the calls? */
export function checkRuntimeAgents(usage: KeyUsage): ChecklistItemDraft {
  const agents = new Map<string, { agentClass: string; calls: number; amazonLinux: boolean }>();
  for (const row of usage.rows) {
    if (row.userAgent && row.agentClass !== "service") {
      const entry = agents.get(row.userAgent) ?? { agentClass: row.agentClass, calls: 0, amazonLinux: runsOnAmazonLinux(row.userAgent) };
      entry.calls += row.calls;
      agents.set(row.userAgent, entry);
    }
  }
  const facts = [...agents].map(([userAgent, agent]) => ({
    label: `${agent.agentClass}${agent.amazonLinux ? ", Amazon Linux" : ""}`,
    value: `${userAgent} (${plural(agent.calls, "call")})`,
    links: [],
  }));
  const machines = [...agents].filter(([, agent]) => agent.agentClass === "runtime" || agent.agentClass === "sdk");
  const data = { agents: [...agents].map(([userAgent, agent]) => ({ userAgent, ...agent })) };
  const names = listText([...new Set(machines.map(([userAgent]) => productToken(userAgent)))]);
  return yesNoItem({
    id: "runtime-agents",
    question: "Do user agents of compute runtimes or SDKs sign the calls?",
    evidence: { facts: facts.length > 0 ? facts : [{ label: "User agents", value: "no call before the incident", links: [] }] },
    data,
    suggested:
      machines.length > 0
        ? { value: "yes", indicates: "downtime", text: `Yes: ${names} signed ${plural(machines.reduce((sum, [, agent]) => sum + agent.calls, 0), "call")}.` }
        : { value: "no", indicates: "safe", text: "No: only consoles and command lines signed the calls." },
    alternative: machines.length > 0 ? { indicates: "safe", text: "No: the SDK client is a person's script, not a workload." } : { indicates: "downtime", text: "Yes: a workload uses a client these logs do not identify." },
  });
}
