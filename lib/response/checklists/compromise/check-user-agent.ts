import { type ChecklistItemDraft, type EvidenceFact, type EvidenceLink, yesNoItem } from "../checklist-types";
import { eventLink, formatTime, listText, plural } from "../format-evidence";
import type { ActivityEvent, ChecklistContext } from "../load-checklist-context";
import { loadPrincipalBaseline } from "../load-principal-baseline";

/** Returns the first token of a user agent, such as `aws-cli/2.18.2` or `Boto3/1.34.131`. */
export function productToken(userAgent: string): string {
  return userAgent.split(" ")[0] ?? userAgent;
}

/** Is the user agent new for the principal? */
export async function checkUserAgent(context: ChecklistContext): Promise<ChecklistItemDraft> {
  const baseline = await loadPrincipalBaseline(context, ["userAgent"]);
  const byAgent = new Map<string, ActivityEvent[]>();
  for (const event of context.activity) {
    if (event.userAgent) {
      byAgent.set(event.userAgent, [...(byAgent.get(event.userAgent) ?? []), event]);
    }
  }
  const agents = [...byAgent].map(([userAgent, events]) => ({
    userAgent,
    verdict: baseline.novelty("userAgent", userAgent, events[0].eventTime),
    firstCall: formatTime(events[0].eventTime),
    calls: events.length,
    link: eventLink(events[0], events[0].eventName ?? "call"),
  }));
  const usual = baseline.usual("userAgent").slice(0, 3);
  const facts = userAgentFacts(agents, usual);
  const table = {
    columns: ["User agent", "Verdict", "Calls", "First call (UTC)"],
    rows: agents.map((agent) => [agent.userAgent, agent.verdict, String(agent.calls), agent.firstCall]),
  };
  const data = {
    agents: agents.map(({ link: _link, ...agent }) => agent),
    baseline: usual.map((entry) => entry.value),
  };
  const fresh = agents.filter((agent) => agent.verdict === "new");
  const question = "Is the user agent new for the principal?";
  const usualText = usual.length > 0 ? `it usually calls with ${productToken(usual[0].value)}` : "it has no usual user agent";
  if (fresh.length > 0) {
    const products = listText([...new Set(fresh.map((agent) => productToken(agent.userAgent)))]);
    const named = fresh.length === 1 ? `${products} is` : `${fresh.length} user agents of ${products} are`;
    return yesNoItem({
      id: "user-agent",
      question,
      evidence: { facts, table },
      data,
      suggested: { value: "yes", indicates: "compromise", text: `Yes: ${named} new for ${context.principal.name}; ${usualText}.` },
      alternative: { indicates: "legitimate", text: "No: the new user agent is an expected upgrade or tool of this principal." },
    });
  }
  const known = agents.length > 0 && agents.every((agent) => agent.verdict === "known");
  return yesNoItem({
    id: "user-agent",
    question,
    evidence: { facts, table },
    data,
    suggested: known
      ? { value: "no", indicates: "legitimate", text: `No: ${listText(agents.map((agent) => agent.userAgent))} is known for ${context.principal.name}.` }
      : { value: "unknown", indicates: "neutral", text: "Unknown: the calls carry no user agent, or the principal has too little history." },
    alternative: { value: known ? undefined : "yes", indicates: "compromise", text: "Yes: the user agent is not one this principal uses." },
  });
}

interface JudgedAgent {
  userAgent: string;
  verdict: string;
  firstCall: string;
  calls: number;
  link: EvidenceLink;
}

/** Lists one fact per product and verdict, because the AWS CLI appends each command to its user agent. */
function userAgentFacts(agents: JudgedAgent[], usual: Array<{ value: string; count: number }>): EvidenceFact[] {
  const groups = new Map<string, JudgedAgent[]>();
  for (const agent of agents) {
    const group = `${productToken(agent.userAgent)}\u0000${agent.verdict}`;
    groups.set(group, [...(groups.get(group) ?? []), agent]);
  }
  const facts: EvidenceFact[] = [...groups.values()].map((group) => ({
    label: `User agent (${group[0].verdict})`,
    value:
      `${productToken(group[0].userAgent)}: ${plural(group.length, "variant")}, ` +
      `${plural(group.reduce((sum, agent) => sum + agent.calls, 0), "call")} from ${group[0].firstCall}`,
    links: group.map((agent) => agent.link),
  }));
  const baseline = usual.map((entry) => `${productToken(entry.value)} (${plural(entry.count, "call")})`).join("; ");
  return [...facts, { label: "Baseline", value: baseline || "none", links: [] }];
}
