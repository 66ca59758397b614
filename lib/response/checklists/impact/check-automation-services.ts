import { db } from "@/lib/db/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatTime, listText } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import type { KeyUsage } from "./load-key-usage";

/**
 * Builds the item on services used by automation: the services Access
 * Advisor reports as used, restricted to those the principal called with
 * non-console clients before the incident.
 */
export async function checkAutomationServices(context: ChecklistContext, usage: KeyUsage): Promise<ChecklistItemDraft> {
  const services = await db().serviceLastAccessed.findMany({
    where: { principalArn: context.principal.arn ?? context.principal.key, neverUsed: false },
    orderBy: { serviceNamespace: "asc" },
  });
  const automated = services.filter((service) => usage.automatedServices.has(service.serviceNamespace));
  const facts = services.map((service) => ({
    label: `${service.serviceNamespace}${usage.automatedServices.has(service.serviceNamespace) ? " (automation)" : ""}`,
    value: `${service.serviceName}, last accessed ${service.lastAuthenticated ? formatTime(service.lastAuthenticated) : "unknown"}`,
    links: [],
  }));
  const data = { accessAdvisorServices: services.map((service) => service.serviceNamespace), automationServices: automated.map((service) => service.serviceNamespace) };
  return yesNoItem({
    id: "automation-services",
    question: "Does Access Advisor show services the principal's automation uses?",
    evidence: { facts: facts.length > 0 ? facts : [{ label: "Access Advisor", value: "no report for this principal", links: [] }] },
    data,
    suggested:
      automated.length > 0
        ? { value: "yes", indicates: "downtime", text: `Yes: ${listText(data.automationServices)}, used by non-console clients before the incident.` }
        : { value: services.length === 0 ? "unknown" : "no", indicates: services.length === 0 ? "neutral" : "safe", text: services.length === 0 ? "Unknown: no Access Advisor report covers this principal." : "No: the services used were reached only from the console or by the attacker." },
    alternative: automated.length > 0 ? { indicates: "safe", text: "No: those services serve nothing that must keep running." } : { value: "yes", indicates: "downtime", text: "Yes: automation depends on these services." },
  });
}
