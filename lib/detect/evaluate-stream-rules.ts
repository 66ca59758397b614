import { pgPool } from "@/lib/db/client";
import type { Logger } from "@/lib/log";

import { cloudTrailHitToSignal } from "./evaluate-cloudtrail-rules";
import type { StreamEvent, StreamHit, StreamLookups, StreamRule } from "./rules/rule-types";
import { type SavedSignal, saveSignals, type SignalInput } from "./save-signals";

export interface EvaluateStreamRulesOptions {
  rules: readonly StreamRule[];
  /** Evaluate around the events of this batch; around events since `since`, or all events, when unset. */
  batchId?: string;
  since?: Date;
  lookups: StreamLookups;
  log: Logger;
}

const GROUP_COLUMN = { principal: "principal_key", accessKey: "access_key_id" } as const;

const COLUMNS = `e.id::text AS id, e.natural_id, e.event_time, e.account_id, e.region, e.event_source, e.event_name,
  e.principal_key, e.principal_type, e.principal_name, e.access_key_id, host(e.source_ip) AS source_ip,
  e.user_agent, e.error_code, e.read_only`;

interface StreamRow {
  id: string;
  natural_id: string;
  event_time: Date;
  account_id: string | null;
  region: string | null;
  event_source: string | null;
  event_name: string;
  principal_key: string;
  principal_type: string | null;
  principal_name: string | null;
  access_key_id: string | null;
  source_ip: string | null;
  user_agent: string | null;
  error_code: string | null;
  read_only: boolean | null;
}

export function toStreamEvent(row: StreamRow): StreamEvent {
  return {
    id: row.id,
    naturalId: row.natural_id,
    eventTime: row.event_time,
    accountId: row.account_id,
    region: row.region,
    eventSource: row.event_source,
    eventName: row.event_name,
    principalKey: row.principal_key,
    principalType: row.principal_type,
    principalName: row.principal_name,
    accessKeyId: row.access_key_id,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    errorCode: row.error_code,
    readOnly: row.read_only,
  };
}

interface Group {
  key: string;
  first: Date;
  last: Date;
}

/** Lists the groups (principals or keys) with candidate events in the selection, with their time span. */
async function loadGroups(rule: StreamRule, options: EvaluateStreamRulesOptions): Promise<Group[]> {
  const column = GROUP_COLUMN[rule.groupBy];
  const conditions = ["e.source = 'cloudtrail'", "e.principal_key IS NOT NULL", `e.${column} IS NOT NULL`, `(${rule.candidateSql})`];
  const values: unknown[] = [];
  if (options.batchId !== undefined) {
    values.push(options.batchId);
    conditions.push(`e.batch_id = $${values.length}::uuid`);
  }
  if (options.since !== undefined) {
    values.push(options.since);
    conditions.push(`e.event_time >= $${values.length}`);
  }
  const result = await pgPool().query<{ key: string; first: Date; last: Date }>(
    `SELECT e.${column} AS key, min(e.event_time) AS first, max(e.event_time) AS last
     FROM events e WHERE ${conditions.join(" AND ")} GROUP BY 1`,
    values,
  );
  return result.rows;
}

/** First and last event time a group's rule reads, both inclusive. */
function readRange(rule: StreamRule, group: Group): [Date, Date] {
  const from = group.first.getTime() - rule.lookbackMs;
  const to = group.last.getTime() + rule.lookbackMs;
  if (rule.alignMs === undefined) {
    return [new Date(from), new Date(to)];
  }
  const start = Math.floor(from / rule.alignMs) * rule.alignMs;
  const end = (Math.floor(to / rule.alignMs) + 1) * rule.alignMs - 1;
  return [new Date(start), new Date(end)];
}

async function loadGroupEvents(rule: StreamRule, group: Group): Promise<StreamEvent[]> {
  const column = GROUP_COLUMN[rule.groupBy];
  const result = await pgPool().query<StreamRow>(
    `SELECT ${COLUMNS} FROM events e
     WHERE e.${column} = $1 AND e.source = 'cloudtrail' AND e.principal_key IS NOT NULL
       AND e.event_time BETWEEN $2 AND $3 AND (${rule.candidateSql})
     ORDER BY e.event_time, e.id`,
    [group.key, ...readRange(rule, group)],
  );
  return result.rows.map(toStreamEvent).filter((event) => rule.accepts(event));
}

/** Builds the signal of a stream rule's hit, with the same details a per-event rule's signal carries. */
export function streamHitToSignal(rule: StreamRule, hit: StreamHit): SignalInput {
  return cloudTrailHitToSignal(rule, hit.event, hit);
}

/**
 * Runs stream rules over the events of every principal or key that has
 * events in the selection, reading `lookbackMs` before and after them, and
 * saves one signal per hit. Returns the new and re-scored signals.
 */
export async function evaluateStreamRules(options: EvaluateStreamRulesOptions): Promise<SavedSignal[]> {
  const signals: SignalInput[] = [];
  for (const rule of options.rules) {
    const groups = await loadGroups(rule, options);
    for (const group of groups) {
      try {
        const hits = await rule.detect(await loadGroupEvents(rule, group), options.lookups);
        signals.push(...hits.map((hit) => streamHitToSignal(rule, hit)));
      } catch (error) {
        // One group's failure must not stop detection for the others.
        options.log.error({ err: error, ruleId: rule.id, group: group.key }, "stream rule failed on a group; skipped");
      }
    }
  }
  return saveSignals(signals);
}
