import { db, pgPool } from "@/lib/db/client";
import { decodeRaw } from "@/lib/ingest/raw-codec";

import { classifyUserAgent } from "./classify-user-agent";
import type { IncidentScope } from "./incident-scope";
import type { AccessKeyPosture, CountRow, PrincipalPosture } from "./postmortem-evidence";

/** Raw records read for MFA evidence, the most recent first. */
const MFA_RECORD_LIMIT = 300;
const USER_AGENT_GROUP_LIMIT = 1000;

interface UserAgentRow {
  user_agent: string | null;
  count: string;
  long_term: string;
}

/**
 * Describes how the incident's principal was used before the attack: which
 * keys and tools signed its calls, whether it ever signed in to the console,
 * and whether any of its sessions carried MFA.
 */
export async function loadPrincipalPosture(input: {
  principalKey: string;
  attackStart: Date;
  scope: IncidentScope;
}): Promise<PrincipalPosture> {
  const { principalKey, attackStart } = input;
  const [principal, agents, mfa, accessKeys] = await Promise.all([
    db().principal.findUnique({ where: { key: principalKey } }),
    pgPool().query<UserAgentRow>(
      `SELECT user_agent, count(*) AS count, count(*) FILTER (WHERE access_key_id LIKE 'AKIA%') AS long_term
         FROM events WHERE source = 'cloudtrail' AND principal_key = $1 AND event_time < $2
        GROUP BY user_agent ORDER BY count(*) DESC LIMIT ${USER_AGENT_GROUP_LIMIT}`,
      [principalKey, attackStart],
    ),
    loadMfaEvidence(principalKey),
    loadAccessKeyPosture(principalKey, input.scope),
  ]);
  const counts = summarizeUserAgents(agents.rows);
  return {
    principalKey,
    principalType: principal?.type ?? null,
    principalName: principal?.name ?? null,
    firstSeen: principal?.firstSeen.toISOString() ?? null,
    ...counts,
    ...mfa,
    accessKeys,
  };
}

function summarizeUserAgents(rows: UserAgentRow[]) {
  let eventsBeforeAttack = 0;
  let longTermKeyEvents = 0;
  let consoleEvents = 0;
  let programmaticEvents = 0;
  for (const row of rows) {
    const count = Number(row.count);
    eventsBeforeAttack += count;
    longTermKeyEvents += Number(row.long_term);
    const kind = classifyUserAgent(row.user_agent);
    consoleEvents += kind === "console" ? count : 0;
    programmaticEvents += kind === "programmatic" ? count : 0;
  }
  const topUserAgents: CountRow[] = rows.slice(0, 3).map((row) => ({ key: row.user_agent ?? "(none)", count: Number(row.count) }));
  return { eventsBeforeAttack, longTermKeyEvents, consoleEvents, programmaticEvents, topUserAgents };
}

/**
 * Reads console sign-ins and session-credential events of the principal: a
 * long-term access key never carries MFA, so only these records can show it.
 */
async function loadMfaEvidence(principalKey: string) {
  const rows = await db().event.findMany({
    where: {
      source: "cloudtrail",
      principalKey,
      OR: [{ eventName: "ConsoleLogin" }, { accessKeyId: { startsWith: "ASIA" } }],
    },
    orderBy: { eventTime: "desc" },
    take: MFA_RECORD_LIMIT,
    select: { eventName: true, rawCodec: true, raw: true },
  });
  let consoleLogins = 0;
  let mfaEvidence = 0;
  for (const row of rows) {
    const record = parseRecord(decodeRaw(row.rawCodec, row.raw));
    consoleLogins += row.eventName === "ConsoleLogin" ? 1 : 0;
    mfaEvidence += recordShowsMfa(record) ? 1 : 0;
  }
  return { consoleLogins, mfaEvidence, mfaRecordsChecked: rows.length };
}

function parseRecord(bytes: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** True for a console sign-in with `MFAUsed: Yes` or a session whose `mfaAuthenticated` is true. */
export function recordShowsMfa(record: Record<string, unknown>): boolean {
  const additional = record.additionalEventData as Record<string, unknown> | undefined;
  if (additional?.MFAUsed === "Yes") {
    return true;
  }
  const identity = record.userIdentity as { sessionContext?: { attributes?: { mfaAuthenticated?: unknown } } } | undefined;
  const flag = identity?.sessionContext?.attributes?.mfaAuthenticated;
  return flag === true || flag === "true";
}

async function loadAccessKeyPosture(principalKey: string, scope: IncidentScope): Promise<AccessKeyPosture[]> {
  const keys = await db().accessKey.findMany({
    where: { OR: [{ accessKeyId: { in: scope.accessKeyIds } }, { principalKey, accessKeyId: { startsWith: "AKIA" } }] },
    orderBy: [{ firstSeen: "asc" }, { accessKeyId: "asc" }],
  });
  return keys.map((key) => ({
    accessKeyId: key.accessKeyId,
    kind: key.accessKeyId.startsWith("AKIA") ? "long-term" : key.accessKeyId.startsWith("ASIA") ? "temporary" : "unknown",
    createdAt: key.createdAt?.toISOString() ?? null,
    firstSeen: key.firstSeen?.toISOString() ?? null,
    createdDuringIncident: key.createdAt !== null && key.createdAt >= scope.windowStart,
  }));
}
