import type { PoolClient } from "pg";
import { toJsonbParameter } from "@/lib/db/sanitize-text";

import type { GuardDutyFinding } from "@/lib/sources/guardduty/types";

import type { EventRow } from "./event-row";
import { encodeRaw } from "./raw-codec";
import { resolveFindingPrincipal } from "./resolve-finding-principal";
import { storeEventRows } from "./store-events";

/**
 * Outcome of storing a finding: `inserted` for a finding id not seen before,
 * `updated` for a stored finding that arrived in a version (updatedAt and
 * count) not seen before, and `duplicate` for a version already stored.
 */
export type StoredFinding = "inserted" | "updated" | "duplicate";

function findingTime(finding: GuardDutyFinding): Date {
  return finding.createdAt ?? finding.eventFirstSeen ?? finding.updatedAt ?? new Date(0);
}

/**
 * Stores one GuardDuty finding version inside the caller's transaction. The
 * finding is upserted by id: a later version (newer updatedAt) updates count,
 * severity and last seen, and every version read is kept in finding_versions.
 * The first version also becomes an `events` row, so that the timeline can
 * open its raw record.
 */
export async function storeFinding(
  client: PoolClient,
  finding: GuardDutyFinding,
  context: { batchId: string; fileId: string; recordIndex: number },
): Promise<StoredFinding> {
  const principal = await resolveFindingPrincipal(client, finding);
  const raw = encodeRaw(finding.raw);
  const row: EventRow = {
    source: "guardduty",
    naturalId: finding.id,
    eventTime: findingTime(finding),
    accountId: finding.accountId,
    region: finding.region,
    eventSource: "guardduty.amazonaws.com",
    eventName: finding.type,
    principalKey: principal.key,
    principalArn: principal.arn,
    principalType: principal.type,
    principalName: principal.name,
    sessionName: null,
    accessKeyId: finding.principal?.accessKeyId ?? null,
    sourceIp: finding.remoteActors[0]?.ip ?? null,
    sourceService: null,
    userAgent: null,
    errorCode: null,
    readOnly: null,
    redacted: false,
    batchId: context.batchId,
    fileId: context.fileId,
    recordIndex: context.recordIndex,
    rawCodec: raw.codec,
    raw: raw.data,
  };
  const stored = await storeEventRows(client, [row]);
  await upsertFinding(client, finding, principal.key);
  const version = await client.query(
    `INSERT INTO finding_versions (finding_id, updated_at, count, severity, batch_id, raw_codec, raw)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (finding_id, updated_at, count) DO NOTHING`,
    [finding.id, finding.updatedAt ?? findingTime(finding), finding.count ?? 1, finding.severity, context.batchId, raw.codec, raw.data],
  );
  if (stored.inserted.length === 1) {
    return "inserted";
  }
  return version.rowCount === 1 ? "updated" : "duplicate";
}

async function upsertFinding(client: PoolClient, finding: GuardDutyFinding, principalKey: string | null): Promise<void> {
  const details = {
    arn: finding.arn,
    description: finding.description,
    resourceType: finding.resourceType,
    principal: finding.principal,
    instance: finding.instance,
    s3Buckets: finding.s3Buckets,
    actionType: finding.actionType,
    api: finding.api,
    remoteActors: finding.remoteActors,
    phase: finding.phase,
    warnings: finding.warnings,
  };
  await client.query(
    `INSERT INTO findings (id, type, title, severity, severity_label, account_id, region, created_at, updated_at,
       event_first_seen, event_last_seen, count, sample, principal_key, access_key_id, remote_ips, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT (id) DO UPDATE SET
       severity = EXCLUDED.severity, severity_label = EXCLUDED.severity_label, updated_at = EXCLUDED.updated_at,
       event_last_seen = GREATEST(findings.event_last_seen, EXCLUDED.event_last_seen),
       count = GREATEST(findings.count, EXCLUDED.count), title = EXCLUDED.title, details = EXCLUDED.details,
       remote_ips = ARRAY(SELECT DISTINCT unnest(findings.remote_ips || EXCLUDED.remote_ips))
     WHERE EXCLUDED.updated_at >= findings.updated_at`,
    [
      finding.id,
      finding.type,
      finding.title ?? finding.type,
      finding.severity,
      finding.severityLabel,
      finding.accountId,
      finding.region,
      findingTime(finding),
      finding.updatedAt ?? findingTime(finding),
      finding.eventFirstSeen,
      finding.eventLastSeen,
      finding.count ?? 1,
      finding.sample,
      principalKey,
      finding.principal?.accessKeyId ?? null,
      finding.remoteActors.map((actor) => actor.ip),
      toJsonbParameter(details),
    ],
  );
}
