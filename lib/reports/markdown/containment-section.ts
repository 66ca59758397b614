import { formatUtcSecond } from "../duration-text";
import type { ContainmentPlanEvidence, PostmortemEvidence } from "../evidence/postmortem-evidence";
import { code, escapeMarkdown, table } from "./markdown-text";

/** Containment and remediation: plans with who proposed, approved and ran each step, and the calls CloudTrail saw. */
export function renderContainment(evidence: PostmortemEvidence): string {
  const { plans, loggedActions } = evidence.containment;
  const parts = ["## Containment and remediation"];
  if (plans.length === 0) {
    parts.push("No containment plan was recorded in Watchfloor.");
  } else {
    parts.push(...plans.map(renderPlan));
  }
  if (loggedActions.length > 0) {
    parts.push(
      "Containment calls recorded by CloudTrail:",
      table(
        ["Time (UTC)", "Action", "Call", "By", "From"],
        loggedActions.map((action) => [
          formatUtcSecond(action.at),
          escapeMarkdown(action.title),
          action.eventName ? code(action.eventName) : "",
          escapeMarkdown(action.principalKey.split("/").at(-1) ?? action.principalKey),
          action.sourceIp ? code(action.sourceIp) : "",
        ]),
      ),
    );
  } else {
    parts.push("CloudTrail holds no containment call for this incident.");
  }
  const audited = evidence.teamActions.filter((action) => action.action.startsWith("containment."));
  if (audited.length > 0) {
    parts.push(
      "Containment decisions in the audit log:",
      audited.map((action) => `- ${formatUtcSecond(action.at)} ${escapeMarkdown(action.actor)}: ${code(action.action)}`).join("\n"),
    );
  }
  parts.push(renderRemediation(evidence));
  return parts.join("\n\n");
}

function renderPlan(plan: ContainmentPlanEvidence): string {
  const approval = plan.approvedBy
    ? `approved by ${escapeMarkdown(plan.approvedBy)} at ${formatUtcSecond(plan.approvedAt ?? "")} UTC`
    : "not approved";
  const header =
    `### Plan for ${code(plan.principalKey)} (${escapeMarkdown(plan.status)})\n\n` +
    `Proposed by ${escapeMarkdown(plan.proposedBy)} at ${formatUtcSecond(plan.proposedAt)} UTC, ${approval}` +
    `${plan.completedAt ? `, completed ${formatUtcSecond(plan.completedAt)} UTC` : ""}.` +
    `${plan.rationale ? ` Rationale: ${escapeMarkdown(plan.rationale)}` : ""}`;
  const rows = plan.steps.map((step) => [
    String(step.position),
    code(step.action),
    escapeMarkdown(step.description),
    escapeMarkdown(step.status),
    step.mode ? escapeMarkdown(step.mode) : "",
    step.executedBy ? escapeMarkdown(step.executedBy) : "",
    step.executedAt ? formatUtcSecond(step.executedAt) : "",
  ]);
  return rows.length === 0
    ? `${header}\n\nThe plan has no steps.`
    : `${header}\n\n${table(["#", "Action", "Description", "Status", "Mode", "Run by", "At (UTC)"], rows)}`;
}

/** Access keys created during the incident and whether a containment call acted on each. */
function renderRemediation(evidence: PostmortemEvidence): string {
  const created = evidence.posture.accessKeys.filter((key) => key.createdDuringIncident);
  if (created.length === 0) {
    return "No access key was created during the incident.";
  }
  const lines = created.map((key) => {
    const action = evidence.containment.loggedActions.find((logged) => logged.relatedKeyId === key.accessKeyId);
    const outcome = action
      ? `: ${escapeMarkdown(action.title)} at ${formatUtcSecond(action.at)} UTC; delete it if it is only deactivated.`
      : ": no containment call acted on it; deactivate and delete it.";
    return `- ${code(key.accessKeyId)} created ${formatUtcSecond(key.createdAt ?? "")} UTC${outcome}`;
  });
  return ["Access keys created during the incident:", lines.join("\n")].join("\n\n");
}
