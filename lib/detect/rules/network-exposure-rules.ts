import { getArray, getNumber, getString, isObject } from "@/lib/sources/common/json-fields";

import { failureDetails, requestValue } from "./read-event-fields";
import type { CandidateEvent, CloudTrailRule } from "./rule-types";

/** Ports whose exposure to the internet gives remote administration of a host. */
const ADMIN_PORTS = new Map([
  [22, "SSH"],
  [3389, "RDP"],
]);

interface OpenPermission {
  protocol: string;
  fromPort: number | null;
  toPort: number | null;
  cidr: string;
}

function isWorld(cidr: string | null): cidr is string {
  return cidr !== null && /\/0$/.test(cidr.trim());
}

/**
 * Reads the rules an AuthorizeSecurityGroupIngress call adds. CloudTrail logs
 * them either flat (`cidrIp`, `fromPort`, `toPort`, `ipProtocol`, from the
 * older single-rule form of the API) or as `ipPermissions.items[]` with
 * `ipRanges.items[].cidrIp` and `ipv6Ranges.items[].cidrIpv6`.
 */
function openPermissions(event: CandidateEvent): OpenPermission[] {
  const open: OpenPermission[] = [];
  const flatCidr = getString(event.record, "requestParameters", "cidrIp");
  if (isWorld(flatCidr)) {
    open.push({
      protocol: getString(event.record, "requestParameters", "ipProtocol") ?? "-1",
      fromPort: getNumber(event.record, "requestParameters", "fromPort"),
      toPort: getNumber(event.record, "requestParameters", "toPort"),
      cidr: flatCidr,
    });
  }
  for (const item of getArray(requestValue(event, "ipPermissions"), "items")) {
    if (!isObject(item)) {
      continue;
    }
    const ranges = [
      ...getArray(item, "ipRanges", "items").map((range) => getString(range, "cidrIp")),
      ...getArray(item, "ipv6Ranges", "items").map((range) => getString(range, "cidrIpv6")),
    ];
    for (const cidr of ranges.filter(isWorld)) {
      open.push({
        protocol: getString(item, "ipProtocol") ?? "-1",
        fromPort: getNumber(item, "fromPort"),
        toPort: getNumber(item, "toPort"),
        cidr,
      });
    }
  }
  return open;
}

/** Names the administration ports a permission covers; all ports when the protocol is -1. */
function exposedAdminPorts(permission: OpenPermission): string[] {
  if (permission.protocol === "-1") {
    return ["all ports"];
  }
  const from = permission.fromPort ?? 0;
  const to = permission.toPort ?? 65535;
  return [...ADMIN_PORTS].filter(([port]) => port >= from && port <= to).map(([port, name]) => `${name} (${port})`);
}

export const securityGroupOpenToWorldRule: CloudTrailRule = {
  id: "ec2-security-group-open-to-world",
  source: "cloudtrail",
  fields: [
    "requestParameters.groupId",
    "requestParameters.cidrIp",
    "requestParameters.ipProtocol",
    "requestParameters.fromPort",
    "requestParameters.toPort",
    "requestParameters.ipPermissions",
    "errorCode",
  ],
  title: "Security group opened to the internet",
  description:
    "A security group rule now admits traffic from any address (0.0.0.0/0 or ::/0). Open SSH or RDP " +
    "lets anyone reach the hosts in the group for remote administration. Check which instances use " +
    "the group, whether the change was planned, and the VPC flow logs of those interfaces since then.",
  severity: "medium",
  phase: "defense_evasion",
  score: 15,
  mitre: { tactics: ["TA0005"], techniques: ["T1562.007"] },
  references: [
    "https://attack.mitre.org/techniques/T1562/007/",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AuthorizeSecurityGroupIngress.html",
  ],
  eventNames: ["AuthorizeSecurityGroupIngress"],
  async match({ event }) {
    const open = openPermissions(event);
    if (open.length === 0 || event.errorCode !== null) {
      return null;
    }
    const adminPorts = [...new Set(open.flatMap(exposedAdminPorts))];
    const groupId = getString(event.record, "requestParameters", "groupId");
    return {
      severity: adminPorts.length > 0 ? "high" : "medium",
      score: adminPorts.length > 0 ? 25 : 15,
      title:
        adminPorts.length > 0
          ? `${adminPorts.join(", ")} opened to the internet on ${groupId ?? "a security group"}`
          : `Security group ${groupId ?? ""} opened to the internet`.replace("  ", " "),
      details: { ...failureDetails(event), groupId, openPermissions: open, adminPorts },
    };
  },
};
