import { formatUtcSecond } from "../duration-text";
import type { PostmortemEvidence } from "../evidence/postmortem-evidence";
import { portLabel } from "../evidence/load-flow-evidence";
import { code, escapeMarkdown, plural, table } from "./markdown-text";

interface TimelineRow {
  at: string;
  /** Orders rows of the same second: log events, then signals, then milestones and team actions. */
  rank: number;
  source: string;
  what: string;
  who: string;
}

/** The timeline: attack and containment events, signals, flows, milestones and audited team actions, in UTC. */
export function renderTimeline(evidence: PostmortemEvidence): string {
  const rows = [
    ...attackRows(evidence),
    ...signalRows(evidence),
    ...flowRows(evidence),
    ...milestoneRows(evidence),
    ...teamRows(evidence),
  ].sort((a, b) => a.at.localeCompare(b.at) || a.rank - b.rank);
  const notes: string[] = [];
  const { attackEvents } = evidence;
  if (attackEvents.total > attackEvents.events.length) {
    notes.push(
      `The timeline lists the first ${attackEvents.events.length} of ${plural(attackEvents.total, "call")} from the attacker's ` +
        "addresses or keys; the log source counts below cover them all.",
    );
  }
  if (evidence.flows.total > evidence.flows.sample.length) {
    notes.push(`It lists the first ${evidence.flows.sample.length} of ${plural(evidence.flows.total, "flow record")} of the attacker's addresses.`);
  }
  return [
    "## Timeline",
    "All times UTC. Sources: CloudTrail (`cloudtrail`), GuardDuty (`guardduty`), VPC Flow Logs (`vpcflow`), Watchfloor's audit log (`team`).",
    table(
      ["Time (UTC)", "Source", "What happened", "Who / from"],
      rows.map((row) => [formatUtcSecond(row.at), row.source, row.what, row.who]),
    ),
    ...notes,
  ].join("\n\n");
}

function attackRows(evidence: PostmortemEvidence): TimelineRow[] {
  const signalled = new Set(evidence.signals.map((signal) => signal.naturalId));
  return evidence.attackEvents.events
    .filter((event) => !signalled.has(event.naturalId))
    .map((event) => ({
      at: event.at,
      rank: 0,
      source: event.source,
      what: `${code(event.eventName ?? "(no event name)")}${event.errorCode ? ` failed: ${code(event.errorCode)}` : ""}`,
      who: actor(event.principalName, event.sourceIp, event.accessKeyId),
    }));
}

function signalRows(evidence: PostmortemEvidence): TimelineRow[] {
  return evidence.signals.map((signal) => ({
    at: signal.at,
    rank: 1,
    source: signal.source,
    what:
      `${signal.eventName ? `${code(signal.eventName)}: ` : ""}${escapeMarkdown(signal.title)} ` +
      `(signal: ${signal.phase.replaceAll("_", " ")}, ${signal.severity}, score ${signal.score})`,
    who: actor(lastSegment(signal.principalKey), signal.sourceIp, signal.accessKeyId),
  }));
}

function flowRows(evidence: PostmortemEvidence): TimelineRow[] {
  return evidence.flows.sample.map((flow) => ({
    at: flow.start,
    rank: 0,
    source: "vpcflow",
    what: `${flow.action ?? "flow"} ${code(`${flow.srcAddr ?? "?"} -> ${flow.dstAddr ?? "?"}:${portLabel(flow.dstPort, flow.protocol)}`)} (${plural(flow.packets, "packet")}, ${plural(flow.bytes, "byte")})`,
    who: flow.interfaceId ? code(flow.interfaceId) : "",
  }));
}

function milestoneRows(evidence: PostmortemEvidence): TimelineRow[] {
  const { incident } = evidence;
  const milestones: Array<[string | null, string]> = [
    [incident.thresholdCrossedAt, "**Alert threshold crossed**: the incident was raised"],
    [incident.escalatedAt, "**Escalated** to an incident commander"],
    [incident.containedAt, "**Contained**"],
    [incident.resolvedAt, "**Resolved**"],
  ];
  return milestones.flatMap(([at, what]) => (at ? [{ at, rank: 2, source: "watchfloor", what, who: "" }] : []));
}

function teamRows(evidence: PostmortemEvidence): TimelineRow[] {
  return evidence.teamActions.map((action) => ({
    at: action.at,
    rank: 3,
    source: "team",
    what: `${code(action.action)}${describeDetails(action.details)}`,
    who: escapeMarkdown(action.actor),
  }));
}

/** A short reading of an audit entry's details, such as `status: confirmed`. */
function describeDetails(details: Record<string, unknown>): string {
  const parts = Object.entries(details)
    .filter(([, value]) => ["string", "number", "boolean"].includes(typeof value))
    .slice(0, 3)
    .map(([key, value]) => `${escapeMarkdown(key)}: ${escapeMarkdown(String(value).slice(0, 80))}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function actor(name: string | null, address: string | null, accessKeyId: string | null): string {
  return [name ? escapeMarkdown(name) : null, address ? code(address) : null, accessKeyId ? code(accessKeyId) : null]
    .filter(Boolean)
    .join(", ");
}

function lastSegment(key: string): string {
  return key.split("/").at(-1) ?? key;
}
