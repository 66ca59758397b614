import { db } from "@/lib/db/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatTime, listText } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { findAdminGrants, signalLink } from "./find-admin-grants";

/**
 * What can the principal reach? Services come from IAM Access Advisor (every
 * service its policies allow, used or not) and from the policies seen
 * attached in the incident. `live` is true when any credential or grant is
 * still in effect, which makes that reach an argument for disabling now.
 */
export async function checkReach(context: ChecklistContext, live: boolean): Promise<ChecklistItemDraft> {
  const arn = context.principal.arn ?? context.principal.key;
  const services = await db().serviceLastAccessed.findMany({
    where: { principalArn: arn },
    orderBy: [{ lastAuthenticated: { sort: "desc", nulls: "last" } }, { serviceNamespace: "asc" }],
  });
  const used = services.filter((service) => !service.neverUsed);
  const unused = services.filter((service) => service.neverUsed);
  const grants = findAdminGrants(context);
  const facts = [
    ...used.map((service) => ({
      label: `${service.serviceNamespace} (used)`,
      value: `${service.serviceName}, last accessed ${service.lastAuthenticated ? formatTime(service.lastAuthenticated) : "unknown"}`,
      links: [],
    })),
    ...(unused.length > 0
      ? [{ label: "Allowed, never used", value: listText(unused.map((service) => service.serviceNamespace)), links: [] }]
      : []),
    ...grants.map(({ grant, removal }) => ({
      label: "Policy seen attached",
      value: `${grant.title}: every service, ${formatTime(grant.eventTime)} – ${removal ? formatTime(removal.eventTime) : "now"}`,
      links: [signalLink(grant, grant.eventName ?? "grant")],
    })),
  ];
  const reportedAt = services[0]?.reportedAt ?? null;
  if (services.length === 0) {
    facts.push({ label: "Access Advisor", value: `no report for ${arn}`, links: [] });
  }
  const everything = grants.some((entry) => entry.removal === null);
  const privileged = everything || used.some((service) => service.serviceNamespace === "iam") || unused.some((service) => service.serviceNamespace === "iam");
  const data = {
    usedServices: used.map((service) => service.serviceNamespace),
    unusedServices: unused.map((service) => service.serviceNamespace),
    allServices: everything,
    reportedAt: reportedAt?.toISOString() ?? null,
  };
  const reachText = everything
    ? "every service, through a policy still attached"
    : `${services.length} services (Access Advisor${reportedAt ? `, ${formatTime(reportedAt)}` : ""}): used ${listText(data.usedServices) || "none"}`;
  return yesNoItem({
    id: "reach",
    question: "Can the principal reach IAM or every service?",
    evidence: { facts },
    data,
    suggested: privileged
      ? { value: "yes", indicates: live ? "disable" : "neutral", text: `Yes: ${context.principal.name} reaches ${reachText}${live ? "" : "; no credential of the incident is still active"}.` }
      : { value: services.length === 0 ? "unknown" : "no", indicates: "neutral", text: services.length === 0 ? "Unknown: no Access Advisor report covers this principal." : `No: ${context.principal.name} reaches ${reachText}.` },
    alternative: { value: privileged ? "no" : "yes", indicates: privileged ? "neutral" : "disable", text: privileged ? "No: the policies were narrowed outside these logs." : "Yes: the principal reaches more than the report shows." },
  });
}
