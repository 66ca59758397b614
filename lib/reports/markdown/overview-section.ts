import { formatDurationText, formatUtcSecond } from "../duration-text";
import type { PostmortemEvidence } from "../evidence/postmortem-evidence";
import { METRIC_LABELS, METRIC_NAMES, type IncidentMetrics } from "../incident-metrics";
import { responseHeadline } from "../response-headline";
import { code, count, escapeMarkdown, table } from "./markdown-text";

export function renderOverview(evidence: PostmortemEvidence): string {
  const { incident, metrics } = evidence;
  const principal = incident.principal;
  const phases = [...new Set(incident.phases.map((phase) => phase.phase))];
  const facts: Array<[string, string]> = [
    ["Incident", `#${incident.number} ${escapeMarkdown(incident.title)}`],
    ["Severity", `${incident.severity} (score ${incident.score})`],
    ["Status", incident.status],
    ["Principal", `${escapeMarkdown(principal.name ?? principal.key)} (${principal.type ?? "unknown type"}), ${code(principal.arn ?? principal.key)}`],
    ["Account", principal.accountId ? code(principal.accountId) : "unknown"],
    ["Access keys used in the attack", evidence.attackAccessKeyIds.map(code).join(", ") || "none"],
    ["Attacker addresses", evidence.attackerAddresses.map(code).join(", ") || "none recorded"],
    ["Phases", phases.map((phase) => phase.replaceAll("_", " ")).join(", ")],
    ["Signal sources", incident.sources.join(", ")],
    ["First malicious event", firstMaliciousText(metrics)],
    ["First alert", metrics.firstAlertAt ? `${formatUtcSecond(metrics.firstAlertAt)} UTC` : "none"],
    ["Threshold crossed", incident.thresholdCrossedAt ? `${formatUtcSecond(incident.thresholdCrossedAt)} UTC` : "not crossed"],
    ["Escalated", timeOr(incident.escalatedAt, "not escalated")],
    ["Contained", timeOr(incident.containedAt, "not contained")],
    ["Resolved", timeOr(incident.resolvedAt, "not resolved")],
    ["Incident commander", incident.commander ? escapeMarkdown(incident.commander) : "not assigned"],
  ];
  return [
    "## Overview",
    `**${responseHeadline(metrics)}**`,
    facts.map(([label, value]) => `- **${label}:** ${value}`).join("\n"),
  ].join("\n\n");
}

function firstMaliciousText(metrics: IncidentMetrics): string {
  const first = metrics.firstMalicious;
  if (!first) {
    return "unknown";
  }
  const eventName = first.eventName ? `${code(first.eventName)} ` : "";
  const basis = first.basis === "attacker-activity" ? "first call from the attacker" : "activity of the first signal";
  return `${eventName}at ${formatUtcSecond(first.at)} UTC (${basis})`;
}

function timeOr(iso: string | null, fallback: string): string {
  return iso ? `${formatUtcSecond(iso)} UTC` : fallback;
}

export function renderMetrics(evidence: PostmortemEvidence): string {
  const { metrics } = evidence;
  const rows = METRIC_NAMES.map((name) => {
    const value = metrics[name];
    return [
      METRIC_LABELS[name],
      value.seconds === null ? "—" : durationCell(value.seconds),
      value.from ? formatUtcSecond(value.from) : "—",
      value.to ? formatUtcSecond(value.to) : "—",
      value.reason ?? "",
    ];
  });
  return [
    "## Response metrics",
    "Time to detect runs from the first malicious event to the first alert; the other times run from the first alert. " +
      "Times are in UTC and compared to the whole second.",
    table(["Metric", "Duration", "From (UTC)", "To (UTC)", "Note"], rows),
  ].join("\n\n");
}

/** `13 min 15 s (795 s)`; under a minute the seconds alone. */
function durationCell(seconds: number): string {
  const text = formatDurationText(seconds);
  return seconds < 60 ? text : `${text} (${count(seconds)} s)`;
}
