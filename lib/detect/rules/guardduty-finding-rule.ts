import { phaseForFindingType } from "@/lib/sources/guardduty/phase-for-finding-type";

import type { RuleMetadata, Severity } from "./rule-types";

/** Score of a finding by GuardDuty's own severity band. */
export const FINDING_SCORES: Record<string, { score: number; severity: Severity }> = {
  Low: { score: 10, severity: "low" },
  Medium: { score: 20, severity: "medium" },
  High: { score: 40, severity: "high" },
  Critical: { score: 60, severity: "critical" },
};

/**
 * ATT&CK techniques by finding type prefix, most specific first. GuardDuty
 * types read `ThreatPurpose:ResourceType/ThreatFamily` (GuardDuty User Guide,
 * "GuardDuty finding format").
 */
const TECHNIQUES_BY_TYPE: Array<[string, string[]]> = [
  ["stealth:iamuser/cloudtrailloggingdisabled", ["T1562.008"]],
  ["persistence:iamuser", ["T1098"]],
  ["privilegeescalation:iamuser", ["T1098.003"]],
  ["discovery:iamuser", ["T1580", "T1087.004"]],
  ["discovery:s3", ["T1619"]],
  ["exfiltration:s3", ["T1530"]],
  ["cryptocurrency:", ["T1496"]],
  ["impact:", ["T1496"]],
  ["recon:ec2/portprobe", ["T1046"]],
  ["unauthorizedaccess:ec2/sshbruteforce", ["T1110"]],
  ["unauthorizedaccess:ec2/rdpbruteforce", ["T1110"]],
  [":iamuser", ["T1078.004"]],
];

const TACTICS_BY_PHASE: Record<string, string[]> = {
  detection: ["TA0001"],
  persistence: ["TA0003"],
  reconnaissance: ["TA0007"],
  privilege_escalation: ["TA0004"],
  defense_evasion: ["TA0005"],
  exfiltration: ["TA0010"],
};

export function techniquesForFindingType(type: string): string[] {
  const lower = type.toLowerCase();
  const found = TECHNIQUES_BY_TYPE.find(([prefix]) => (prefix.startsWith(":") ? lower.includes(prefix) : lower.startsWith(prefix)));
  return found?.[1] ?? [];
}

export function tacticsForFindingType(type: string): string[] {
  return TACTICS_BY_PHASE[phaseForFindingType(type)] ?? [];
}

/**
 * Every GuardDuty finding becomes one signal in the phase its type names.
 * Its score and severity come from the severity band, so this metadata is
 * the rule's description rather than its values.
 */
export const guardDutyFindingRule: RuleMetadata = {
  id: "guardduty-finding",
  source: "guardduty",
  fields: [
    "id",
    "type",
    "title",
    "severity",
    "createdAt",
    "service.additionalInfo.sample",
    "resource.accessKeyDetails.accessKeyId",
    "resource.instanceDetails.instanceId",
    "service.action.awsApiCallAction.remoteIpDetails.ipAddressV4",
  ],
  title: "GuardDuty finding",
  description:
    "GuardDuty reported a finding about this principal, key or instance. Read the finding's " +
    "type and remote addresses, then check what the same credentials did around its first and " +
    "last seen times. Sample findings from CreateSampleFindings are ignored.",
  severity: "medium",
  phase: "detection",
  score: FINDING_SCORES.Medium.score,
  mitre: { tactics: ["TA0001"], techniques: ["T1078.004"] },
  references: [
    "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html",
    "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_finding-types-active.html",
  ],
};
