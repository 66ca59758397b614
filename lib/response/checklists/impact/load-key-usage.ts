import { db, pgPool } from "@/lib/db/client";
import { get } from "@/lib/sources/common/json-fields";

import { type ChecklistContext, decodeRecord } from "../load-checklist-context";
import { type AgentClass, classifyUserAgent } from "./classify-user-agent";
import { type CallCadence, measureCallCadence } from "./measure-call-cadence";

/** History read before the incident. */
export const USAGE_HISTORY_MS = 30 * 24 * 60 * 60 * 1000;
/** Most recent calls whose records are decoded to look for VPC endpoints. */
const VPCE_SAMPLE = 1000;
/** Most recent calls per key used to measure the cadence. */
const CADENCE_SAMPLE = 20_000;

export interface KeyUsageRow {
  accessKeyId: string;
  /** Source address, or the AWS service host that called for the key. */
  host: string;
  userAgent: string | null;
  agentClass: AgentClass;
  calls: number;
  lastSeen: string;
}

export interface KeyUsage {
  from: Date;
  to: Date;
  rows: KeyUsageRow[];
  cadenceByKey: Map<string, CallCadence>;
  /** vpcEndpointId values in the sampled records, with their call counts. */
  vpcEndpoints: Map<string, number>;
  sampledRecords: number;
  /** Event sources (service namespaces) called by non-console agents. */
  automatedServices: Set<string>;
}

/** Loads which keys, hosts and user agents the principal used in the 30 days before the incident. */
export async function loadKeyUsage(context: ChecklistContext): Promise<KeyUsage> {
  const to = context.activityStart;
  const from = new Date(to.getTime() - USAGE_HISTORY_MS);
  const params = [context.principal.key, from, to];
  const grouped = await pgPool().query<{ key: string; host: string; user_agent: string | null; event_source: string | null; calls: number; last_seen: Date }>(
    `SELECT coalesce(access_key_id, '(none)') AS key, coalesce(host(source_ip), source_service, '(none)') AS host,
            user_agent, event_source, count(*)::int AS calls, max(event_time) AS last_seen
     FROM events
     WHERE source = 'cloudtrail' AND principal_key = $1 AND event_time >= $2 AND event_time < $3
     GROUP BY 1, 2, 3, 4`,
    params,
  );
  const rows = mergeRows(grouped.rows);
  const automatedServices = new Set(
    grouped.rows
      .filter((row) => row.event_source !== null && classifyUserAgent(row.user_agent) !== "console")
      .map((row) => (row.event_source ?? "").replace(/\.amazonaws\.com$/, "")),
  );
  return { from, to, rows, automatedServices, cadenceByKey: await loadCadence(params, rows), ...(await sampleVpcEndpoints(context, from, to)) };
}

function mergeRows(rows: Array<{ key: string; host: string; user_agent: string | null; calls: number; last_seen: Date }>): KeyUsageRow[] {
  const merged = new Map<string, KeyUsageRow>();
  for (const row of rows) {
    const id = `${row.key}\u0000${row.host}\u0000${row.user_agent ?? ""}`;
    const existing = merged.get(id);
    const lastSeen = row.last_seen.toISOString();
    if (existing) {
      existing.calls += row.calls;
      existing.lastSeen = existing.lastSeen > lastSeen ? existing.lastSeen : lastSeen;
    } else {
      merged.set(id, { accessKeyId: row.key, host: row.host, userAgent: row.user_agent, agentClass: classifyUserAgent(row.user_agent), calls: row.calls, lastSeen });
    }
  }
  return [...merged.values()].sort((a, b) => a.accessKeyId.localeCompare(b.accessKeyId) || b.calls - a.calls);
}

async function loadCadence(params: unknown[], rows: KeyUsageRow[]): Promise<Map<string, CallCadence>> {
  const cadence = new Map<string, CallCadence>();
  for (const key of new Set(rows.map((row) => row.accessKeyId))) {
    const times = await pgPool().query<{ t: Date }>(
      `SELECT event_time AS t FROM events
       WHERE source = 'cloudtrail' AND principal_key = $1 AND event_time >= $2 AND event_time < $3
         AND coalesce(access_key_id, '(none)') = $4
       ORDER BY event_time DESC LIMIT ${CADENCE_SAMPLE}`,
      [...params, key],
    );
    cadence.set(key, measureCallCadence(times.rows.map((row) => row.t.getTime())));
  }
  return cadence;
}

async function sampleVpcEndpoints(context: ChecklistContext, from: Date, to: Date): Promise<{ vpcEndpoints: Map<string, number>; sampledRecords: number }> {
  const rows = await db().event.findMany({
    where: { source: "cloudtrail", principalKey: context.principal.key, eventTime: { gte: from, lt: to } },
    orderBy: { eventTime: "desc" },
    take: VPCE_SAMPLE,
    select: { rawCodec: true, raw: true },
  });
  const vpcEndpoints = new Map<string, number>();
  for (const row of rows) {
    const endpoint = get(decodeRecord(row.rawCodec, row.raw), "vpcEndpointId");
    if (typeof endpoint === "string" && endpoint !== "") {
      vpcEndpoints.set(endpoint, (vpcEndpoints.get(endpoint) ?? 0) + 1);
    }
  }
  return { vpcEndpoints, sampledRecords: rows.length };
}
