import { db, pgPool } from "@/lib/db/client";

import type { EventActivity } from "./bucket-event-activity";
import { type EntityIncident, loadEntityIncidents } from "./load-entity-incidents";
import { type KeyStatusChange, loadKeyStatusChanges } from "./load-key-status-changes";
import { loadEventActivity } from "./load-event-activity";
import { findSessionOrigin, loadSessionsObtainedWith, type ObtainedSession } from "./load-key-sessions";

/** Long-term keys start with AKIA, temporary (STS) keys with ASIA (IAM User Guide, "Unique identifiers"). */
export type AccessKeyKind = "long-term" | "temporary" | "unknown";

export interface KeyPrincipalUse {
  principalKey: string;
  name: string | null;
  type: string | null;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface RelatedKey {
  accessKeyId: string;
  principalKey: string | null;
  createdAt: string | null;
}

export interface AccessKeyProfile {
  accessKeyId: string;
  kind: AccessKeyKind;
  /** The principal the key belongs to, from access_keys; null when not known. */
  ownerKey: string | null;
  ownerName: string | null;
  /** Latest status: from the last successful UpdateAccessKey or DeleteAccessKey, else as created. */
  status: string | null;
  /** The CloudTrail call that set `status`; null when it is the status at creation. */
  statusChange: KeyStatusChange | null;
  createdAt: string | null;
  /** The key that signed the CreateAccessKey call, and that call's event id. */
  createdByKey: string | null;
  createdByEventId: string | null;
  createdByPrincipalKey: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  principals: KeyPrincipalUse[];
  /** Keys created with this key by CreateAccessKey. */
  keysCreated: RelatedKey[];
  /** Temporary credentials obtained with this key. */
  sessions: ObtainedSession[];
  /** For a temporary key: the STS call that issued it, when stored. */
  obtainedFrom: ObtainedSession | null;
  activity: EventActivity;
  incidents: EntityIncident[];
}

export function accessKeyKind(accessKeyId: string): AccessKeyKind {
  if (accessKeyId.startsWith("AKIA")) {
    return "long-term";
  }
  return accessKeyId.startsWith("ASIA") ? "temporary" : "unknown";
}

async function loadKeyPrincipals(accessKeyId: string): Promise<KeyPrincipalUse[]> {
  const result = await pgPool().query<{
    principal_key: string;
    name: string | null;
    type: string | null;
    count: number;
    first_seen: Date;
    last_seen: Date;
  }>(
    `SELECT e.principal_key, p.name, p.type, count(*)::int AS count, min(e.event_time) AS first_seen,
       max(e.event_time) AS last_seen
     FROM events e LEFT JOIN principals p ON p.key = e.principal_key
     WHERE e.access_key_id = $1 AND e.principal_key IS NOT NULL
     GROUP BY e.principal_key, p.name, p.type ORDER BY count(*) DESC LIMIT 100`,
    [accessKeyId],
  );
  return result.rows.map((row) => ({
    principalKey: row.principal_key,
    name: row.name,
    type: row.type,
    count: row.count,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
  }));
}

async function loadKeysCreatedWith(accessKeyId: string): Promise<RelatedKey[]> {
  const rows = await db().accessKey.findMany({ where: { createdByKey: accessKeyId }, orderBy: [{ createdAt: "asc" }] });
  return rows.map((row) => ({
    accessKeyId: row.accessKeyId,
    principalKey: row.principalKey,
    createdAt: row.createdAt?.toISOString() ?? null,
  }));
}

async function loadCreatorPrincipal(eventId: string | null): Promise<string | null> {
  if (eventId === null) {
    return null;
  }
  const event = await db().event.findFirst({ where: { source: "cloudtrail", naturalId: eventId }, select: { principalKey: true } });
  return event?.principalKey ?? null;
}

/**
 * Returns an access key's owner, origin and lineage (the principals that
 * used it, keys and sessions obtained with it), its events over time and its
 * incidents. Returns null when the key appears nowhere.
 */
export async function getAccessKeyProfile(accessKeyId: string): Promise<AccessKeyProfile | null> {
  const [row, principals] = await Promise.all([
    db().accessKey.findUnique({ where: { accessKeyId } }),
    loadKeyPrincipals(accessKeyId),
  ]);
  if (row === null && principals.length === 0) {
    return null;
  }
  const firstSeen = row?.firstSeen ?? (principals.length > 0 ? new Date(principals.map((p) => p.firstSeen).sort()[0]) : null);
  const kind = accessKeyKind(accessKeyId);
  const [owner, creator, keysCreated, sessions, obtainedFrom, activity, incidents, statusChanges] = await Promise.all([
    row?.principalKey ? db().principal.findUnique({ where: { key: row.principalKey }, select: { name: true } }) : null,
    loadCreatorPrincipal(row?.createdByEventId ?? null),
    loadKeysCreatedWith(accessKeyId),
    loadSessionsObtainedWith(accessKeyId),
    kind === "temporary" && firstSeen !== null ? findSessionOrigin(accessKeyId, firstSeen) : null,
    loadEventActivity({ kind: "accessKey", accessKeyId }),
    loadEntityIncidents({ kind: "accessKey", accessKeyId }),
    loadKeyStatusChanges([accessKeyId]),
  ]);
  const statusChange = statusChanges.get(accessKeyId) ?? null;
  return {
    accessKeyId,
    kind,
    ownerKey: row?.principalKey ?? null,
    ownerName: owner?.name ?? null,
    status: statusChange?.status ?? row?.status ?? null,
    statusChange,
    createdAt: row?.createdAt?.toISOString() ?? null,
    createdByKey: row?.createdByKey ?? null,
    createdByEventId: row?.createdByEventId ?? null,
    createdByPrincipalKey: creator,
    firstSeen: firstSeen?.toISOString() ?? null,
    lastSeen: row?.lastSeen?.toISOString() ?? principals.map((p) => p.lastSeen).sort().at(-1) ?? null,
    principals,
    keysCreated,
    sessions,
    obtainedFrom,
    activity,
    incidents,
  };
}
