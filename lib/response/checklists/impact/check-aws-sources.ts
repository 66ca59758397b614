import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { listText, plural } from "../format-evidence";
import type { KeyUsage } from "./load-key-usage";

/** Do calls come through AWS services or VPC endpoints? */
export function checkAwsSources(usage: KeyUsage): ChecklistItemDraft {
  const serviceRows = usage.rows.filter((row) => row.agentClass === "service" || !/^[0-9a-f:.]+$/i.test(row.host) && row.host !== "(none)");
  const services = new Map<string, number>();
  for (const row of serviceRows) {
    services.set(row.host, (services.get(row.host) ?? 0) + row.calls);
  }
  const facts = [
    ...[...services].map(([host, calls]) => ({ label: `AWS service ${host}`, value: `${plural(calls, "call")} for the principal`, links: [] })),
    ...[...usage.vpcEndpoints].map(([endpoint, calls]) => ({ label: `VPC endpoint ${endpoint}`, value: `${plural(calls, "call")} in the sample`, links: [] })),
    { label: "Records checked for VPC endpoints", value: `the ${plural(usage.sampledRecords, "most recent call")}`, links: [] },
  ];
  const found = [...services.keys(), ...usage.vpcEndpoints.keys()];
  const data = { serviceHosts: Object.fromEntries(services), vpcEndpoints: Object.fromEntries(usage.vpcEndpoints), sampledRecords: usage.sampledRecords };
  return yesNoItem({
    id: "aws-sources",
    question: "Do calls come through AWS services or VPC endpoints?",
    evidence: { facts },
    data,
    suggested:
      found.length > 0
        ? { value: "yes", indicates: "downtime", text: `Yes: ${listText(found)} called with the principal's credentials.` }
        : { value: "no", indicates: "safe", text: "No: every call came from a public address, none through an AWS service or VPC endpoint." },
    alternative: found.length > 0 ? { indicates: "safe", text: "No: those service calls belong to a retired job." } : { indicates: "downtime", text: "Yes: an AWS workload calls with these credentials." },
  });
}
