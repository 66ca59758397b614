import { formatUtcSecond } from "../duration-text";
import type { PostmortemEvidence } from "../evidence/postmortem-evidence";
import { code, count, escapeMarkdown, plural, table } from "./markdown-text";

/** Hour rows shown in full; longer incidents show their busiest hours. */
const HOUR_ROWS = 48;

/** Summarises what each log source recorded about the incident, aggregated rather than listed. */
export function renderLogSources(evidence: PostmortemEvidence): string {
  return [
    "## Log sources correlated",
    `Records of the incident's principals, access keys and attacker addresses between ${formatUtcSecond(evidence.window.start)} ` +
      `and ${formatUtcSecond(evidence.window.end)} UTC, the incident window.`,
    table(["Source", "Records", "Contribution"], [
      ["CloudTrail", count(evidence.cloudtrail.total), "the API calls: what the attacker did and how the team contained it"],
      ["GuardDuty", count(evidence.findings.length), "findings raised by AWS on the same activity"],
      ["VPC Flow Logs", count(evidence.flows.total), "network traffic to or from the attacker's addresses"],
      ["IAM Access Advisor", count(evidence.accessAdvisor.services.length), "which services the principal could use and last used"],
    ]),
    renderCloudTrail(evidence),
    renderGuardDuty(evidence),
    renderFlows(evidence),
    renderAccessAdvisor(evidence),
  ].join("\n\n");
}

function renderCloudTrail(evidence: PostmortemEvidence): string {
  const trail = evidence.cloudtrail;
  if (trail.total === 0) {
    return "### CloudTrail\n\nNo CloudTrail event of the incident's principals or keys is stored for the window.";
  }
  const names = trail.byEventName.map((row) => [
    code(row.eventName),
    count(row.count),
    count(row.fromAttacker),
    count(row.errors),
    formatUtcSecond(row.first),
    formatUtcSecond(row.last),
  ]);
  const left = trail.eventNameCount - trail.byEventName.length;
  return [
    "### CloudTrail",
    `${plural(trail.total, "event")}, ${count(trail.fromAttacker)} of them from the attacker's addresses or keys; ` +
      `${plural(trail.errors, "call")} returned an error.`,
    table(["Event name", "Events", "From attacker", "Errors", "First (UTC)", "Last (UTC)"], names),
    left > 0 ? `${plural(left, "other event name")} with fewer events are left out.` : "",
    renderHours(evidence),
    table(["Source address", "Events"], trail.topAddresses.map((row) => [code(row.key), count(row.count)])),
  ]
    .filter(Boolean)
    .join("\n\n");
}

function renderHours(evidence: PostmortemEvidence): string {
  const hours = evidence.cloudtrail.byHour;
  const shown =
    hours.length <= HOUR_ROWS
      ? hours
      : [...hours].sort((a, b) => b.count - a.count).slice(0, HOUR_ROWS).sort((a, b) => a.hour.localeCompare(b.hour));
  const note = hours.length > shown.length ? `\n\nThe ${HOUR_ROWS} busiest of ${hours.length} hours are shown.` : "";
  const rows = shown.map((row) => [`${formatUtcSecond(row.hour).slice(0, 13)}:00`, count(row.count), count(row.fromAttacker)]);
  return `${table(["Hour (UTC)", "Events", "From attacker"], rows)}${note}`;
}

function renderGuardDuty(evidence: PostmortemEvidence): string {
  if (evidence.findings.length === 0) {
    return "### GuardDuty\n\nNo GuardDuty finding about the incident's principals or keys is stored.";
  }
  const rows = evidence.findings.map((finding) => [
    code(finding.type),
    finding.severityLabel,
    count(finding.count),
    formatUtcSecond(finding.createdAt),
    finding.eventFirstSeen ? formatUtcSecond(finding.eventFirstSeen) : "—",
    finding.eventLastSeen ? formatUtcSecond(finding.eventLastSeen) : "—",
    finding.remoteIps.map(code).join(", "),
  ]);
  return [
    "### GuardDuty",
    evidence.findings.map((finding) => `- ${escapeMarkdown(finding.title)}`).join("\n"),
    table(["Finding type", "Severity", "Count", "Created (UTC)", "Activity from", "Activity to", "Remote addresses"], rows),
  ].join("\n\n");
}

function renderFlows(evidence: PostmortemEvidence): string {
  const { flows } = evidence;
  if (evidence.attackerAddresses.length === 0) {
    return "### VPC Flow Logs\n\nThe incident has no attacker address to look for in the flow logs.";
  }
  if (flows.total === 0) {
    return `### VPC Flow Logs\n\nNo flow record to or from ${evidence.attackerAddresses.map(code).join(", ")} is stored for the window.`;
  }
  return [
    "### VPC Flow Logs",
    `${plural(flows.total, "flow record")} to or from ${evidence.attackerAddresses.map(code).join(", ")} ` +
      `between ${formatUtcSecond(flows.first ?? "")} and ${formatUtcSecond(flows.last ?? "")} UTC: ` +
      `${count(flows.accepted)} accepted, ${count(flows.rejected)} rejected, ${plural(flows.packets, "packet")}, ${plural(flows.bytes, "byte")}.`,
    table(["Destination port", "Records"], flows.ports.map((row) => [code(row.key), count(row.count)])),
  ].join("\n\n");
}

function renderAccessAdvisor(evidence: PostmortemEvidence): string {
  const advisor = evidence.accessAdvisor;
  if (advisor.services.length === 0) {
    return "### IAM Access Advisor\n\nNo Access Advisor report of the principal is stored.";
  }
  const start = Date.parse(evidence.window.start);
  const end = Date.parse(evidence.window.end);
  const rows = advisor.services.map((service) => {
    const last = service.lastAuthenticated;
    const during = last !== null && Date.parse(last) >= start && Date.parse(last) <= end;
    return [
      `${escapeMarkdown(service.serviceName)} (${code(service.serviceNamespace)})`,
      last ? formatUtcSecond(last) : "never",
      accessAdvisorNote(during, service.neverUsed),
    ];
  });
  const unused = advisor.services.filter((service) => service.neverUsed);
  return [
    "### IAM Access Advisor",
    `Report of ${advisor.reportedAt ? formatUtcSecond(advisor.reportedAt) : "an unknown date"} UTC for ${code(advisor.principalArn ?? "")}.` +
      (unused.length > 0
        ? ` ${plural(unused.length, "service")} the principal may use ${unused.length === 1 ? "was" : "were"} never used: candidates to remove from its policies.`
        : ""),
    table(["Service", "Last authenticated (UTC)", "Note"], rows),
  ].join("\n\n");
}

function accessAdvisorNote(usedDuringIncident: boolean, neverUsed: boolean): string {
  if (usedDuringIncident) {
    return "last used during the incident";
  }
  return neverUsed ? "granted, never used" : "";
}
