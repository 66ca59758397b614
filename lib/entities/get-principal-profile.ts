import { db, pgPool } from "@/lib/db/client";
import { getString } from "@/lib/sources/common/json-fields";

import type { EventActivity } from "./bucket-event-activity";
import { type EntityIncident, loadEntityIncidents } from "./load-entity-incidents";
import { loadKeyStatusChanges } from "./load-key-status-changes";
import { loadEventActivity } from "./load-event-activity";
import { loadPrincipalBaseline, type PrincipalBaseline } from "./load-principal-baseline";
import { loadStoredRecords } from "./load-stored-records";

/** Default history the baseline covers, in days. */
export const DEFAULT_HISTORY_DAYS = 14;

export interface PrincipalFacts {
  key: string;
  type: string;
  arn: string | null;
  accountId: string | null;
  name: string | null;
  namespace: string | null;
  firstSeen: string;
  lastSeen: string;
  eventCount: number;
}

export interface SessionNameSeen {
  name: string;
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/** The call that created an IAM user or role, when it is stored. */
export interface CreationEvent {
  naturalId: string;
  eventName: string;
  eventTime: string;
  principalKey: string | null;
  principalName: string | null;
  accessKeyId: string | null;
}

export interface PrincipalKeySummary {
  accessKeyId: string;
  status: string | null;
  createdAt: string | null;
  createdByKey: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface PrincipalProfile {
  principal: PrincipalFacts;
  sessionNames: SessionNameSeen[];
  createdBy: CreationEvent | null;
  accessKeys: PrincipalKeySummary[];
  baseline: PrincipalBaseline;
  activity: EventActivity;
  incidents: EntityIncident[];
}

async function loadSessionNames(principalKey: string): Promise<SessionNameSeen[]> {
  const result = await pgPool().query<{ name: string; count: number; first_seen: Date; last_seen: Date }>(
    `SELECT session_name AS name, count(*)::int AS count, min(event_time) AS first_seen, max(event_time) AS last_seen
     FROM events WHERE principal_key = $1 AND session_name IS NOT NULL
     GROUP BY session_name ORDER BY count(*) DESC, session_name LIMIT 100`,
    [principalKey],
  );
  return result.rows.map((row) => ({
    name: row.name,
    count: row.count,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
  }));
}

const CREATION_CALLS: Record<string, { eventName: string; field: string }> = {
  IAMUser: { eventName: "CreateUser", field: "userName" },
  AssumedRole: { eventName: "CreateRole", field: "roleName" },
};

/** Finds the stored CreateUser or CreateRole call that created the principal. */
async function findCreationEvent(principal: PrincipalFacts): Promise<CreationEvent | null> {
  const call = CREATION_CALLS[principal.type];
  const name = principal.arn?.split("/").pop() ?? principal.name;
  if (call === undefined || name === null) {
    return null;
  }
  const records = await loadStoredRecords({
    where: "e.event_name = $1 AND e.account_id = $2 AND e.error_code IS NULL AND e.event_time <= $3",
    values: [call.eventName, principal.accountId, new Date(principal.firstSeen)],
    limit: 500,
  });
  const found = records.find((item) => getString(item.record, "requestParameters", call.field) === name);
  return found
    ? {
        naturalId: found.naturalId,
        eventName: call.eventName,
        eventTime: found.eventTime.toISOString(),
        principalKey: found.principalKey,
        principalName: found.principalName,
        accessKeyId: found.accessKeyId,
      }
    : null;
}

async function loadPrincipalKeys(principalKey: string): Promise<PrincipalKeySummary[]> {
  const rows = await db().accessKey.findMany({ where: { principalKey }, orderBy: [{ firstSeen: "asc" }] });
  const changes = await loadKeyStatusChanges(rows.map((row) => row.accessKeyId));
  return rows.map((row) => ({
    accessKeyId: row.accessKeyId,
    status: changes.get(row.accessKeyId)?.status ?? row.status,
    createdAt: row.createdAt?.toISOString() ?? null,
    createdByKey: row.createdByKey,
    firstSeen: row.firstSeen?.toISOString() ?? null,
    lastSeen: row.lastSeen?.toISOString() ?? null,
  }));
}

/**
 * Returns the stored facts about a principal: what it is, its baseline
 * as of `until` (its last activity unless given) over `days`, its events
 * over time and its incidents. Returns null for an unknown key.
 */
export async function getPrincipalProfile(options: {
  principalKey: string;
  days?: number;
  until?: Date;
}): Promise<PrincipalProfile | null> {
  const row = await db().principal.findUnique({ where: { key: options.principalKey } });
  if (row === null) {
    return null;
  }
  const principal: PrincipalFacts = {
    key: row.key,
    type: row.type,
    arn: row.arn,
    accountId: row.accountId,
    name: row.name,
    namespace: row.namespace,
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    eventCount: row.eventCount,
  };
  const [sessionNames, createdBy, accessKeys, baseline, activity, incidents] = await Promise.all([
    loadSessionNames(row.key),
    findCreationEvent(principal),
    loadPrincipalKeys(row.key),
    loadPrincipalBaseline({
      principalKey: row.key,
      principalFirstSeen: row.firstSeen,
      until: options.until ?? row.lastSeen,
      days: options.days ?? DEFAULT_HISTORY_DAYS,
    }),
    loadEventActivity({ kind: "principal", principalKey: row.key }),
    loadEntityIncidents({ kind: "principal", principalKey: row.key }),
  ]);
  return { principal, sessionNames, createdBy, accessKeys, baseline, activity, incidents };
}
