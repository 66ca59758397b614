import { isIP } from "node:net";

import { pgPool } from "@/lib/db/client";
import { getString } from "@/lib/sources/common/json-fields";
import { phaseForFindingType } from "@/lib/sources/guardduty/phase-for-finding-type";

import { type SavedSignal, saveSignals, type SignalInput } from "./save-signals";
import {
  FINDING_SCORES,
  guardDutyFindingRule,
  tacticsForFindingType,
  techniquesForFindingType,
} from "./rules/guardduty-finding-rule";

interface FindingRow {
  id: string;
  type: string;
  title: string;
  severity: number;
  severity_label: string;
  account_id: string | null;
  region: string | null;
  created_at: Date;
  event_first_seen: Date | null;
  event_last_seen: Date | null;
  count: number;
  principal_key: string | null;
  access_key_id: string | null;
  remote_ips: string[] | null;
  details: unknown;
  key_owner: string | null;
}

// Findings without a signal of this rule, or whose severity band changed
// since it was signalled (GuardDuty updates a finding in place). Sample
// findings (CreateSampleFindings) describe no real activity. The key's owner
// is used when the finding names no principal.
const UNSIGNALLED_FINDINGS = `
SELECT f.id, f.type, f.title, f.severity, f.severity_label, f.account_id, f.region,
  f.created_at, f.event_first_seen, f.event_last_seen, f.count, f.principal_key,
  f.access_key_id, f.remote_ips, f.details, k.principal_key AS key_owner
FROM findings f
LEFT JOIN access_keys k ON k.access_key_id = f.access_key_id
WHERE NOT f.sample
  AND ($2::timestamptz IS NULL OR f.created_at >= $2)
  AND NOT EXISTS (
    SELECT 1 FROM signals s
    WHERE s.rule_id = $1 AND s.source = 'guardduty' AND s.natural_id = f.id
      AND s.details->>'severityLabel' = f.severity_label)
ORDER BY f.created_at`;

/**
 * Returns the principal a finding is about. Findings on EC2 instances have no
 * IAM principal, so the instance is used and they group per instance, not per account.
 */
function findingPrincipal(row: FindingRow): string {
  const instanceId =
    getString(row.details, "instance", "instanceId") ??
    getString(row.details, "resource", "instanceDetails", "instanceId");
  return (
    row.principal_key ??
    row.key_owner ??
    (instanceId !== null ? `ec2-instance:${instanceId}` : `unknown:${row.account_id ?? "unknown"}`)
  );
}

function toSignal(row: FindingRow): SignalInput {
  const band = FINDING_SCORES[row.severity_label] ?? FINDING_SCORES.Medium;
  return {
    ruleId: guardDutyFindingRule.id,
    source: "guardduty",
    naturalId: row.id,
    eventTime: row.created_at,
    phase: phaseForFindingType(row.type),
    severity: band.severity,
    score: band.score,
    title: row.title,
    principalKey: findingPrincipal(row),
    subjectKey: null,
    accessKeyId: row.access_key_id,
    relatedKeyId: null,
    sourceIp: row.remote_ips?.find((ip) => isIP(ip) !== 0) ?? null,
    eventName: null,
    techniqueIds: techniquesForFindingType(row.type),
    details: {
      accountId: row.account_id,
      region: row.region,
      findingType: row.type,
      guardDutySeverity: row.severity,
      severityLabel: row.severity_label,
      eventFirstSeen: row.event_first_seen?.toISOString() ?? null,
      eventLastSeen: row.event_last_seen?.toISOString() ?? null,
      count: row.count,
      remoteIps: row.remote_ips ?? [],
      tactics: tacticsForFindingType(row.type),
    },
  };
}

/**
 * Saves one signal per GuardDuty finding, timed at the finding's createdAt,
 * for findings not signalled yet or re-scored since.
 */
export async function signalGuardDutyFindings(options: { since?: Date }): Promise<SavedSignal[]> {
  const result = await pgPool().query<FindingRow>(UNSIGNALLED_FINDINGS, [
    guardDutyFindingRule.id,
    options.since ?? null,
  ]);
  return saveSignals(result.rows.map(toSignal));
}
