import { pgPool } from "@/lib/db/client";
import { isDatabaseFailure } from "@/lib/db/is-database-failure";
import { forEachConcurrently } from "@/lib/ingest/for-each-concurrently";
import type { Logger } from "@/lib/log";

import { cloudTrailHitToSignal } from "./evaluate-cloudtrail-rules";
import type { LargePeriod, StreamEvent, StreamHit, StreamLookups, StreamRule, StreamSignalEvent } from "./rules/rule-types";
import { type SavedSignal, saveSignals, type SignalInput } from "./save-signals";

export interface EvaluateStreamRulesOptions {
  rules: readonly StreamRule[];
  /** Evaluate around the events of this batch; around events since `since`, or all events, when unset. */
  batchId?: string;
  since?: Date;
  lookups: StreamLookups;
  log: Logger;
  /** Events of a group evaluated at a time (GROUP_PAGE_ROWS when unset). */
  pageRows?: number;
}

// Each group is one query and a little work in Node, so several groups in
// flight keep the database and Node busy at once, as the per-event rules do,
// and leave two of the pool's ten connections free.
const GROUP_CONCURRENCY = 8;

const GROUP_COLUMN = { principal: "principal_key", accessKey: "access_key_id" } as const;

// The columns stream rules test. The principal key is the group's own key
// when rules group by principal, so it is read only for access-key groups.
// The event time comes as epoch milliseconds, because a number and new Date()
// take about a quarter of the time of parsing timestamp text (90 against 380
// ns on this project's 2-core benchmark VM), and groups are read in full.
const RULE_COLUMNS = `e.id::text AS id, e.natural_id, (extract(epoch FROM e.event_time) * 1000)::float8 AS event_ms, e.event_source, e.event_name,
  e.principal_type, e.access_key_id, host(e.source_ip) AS source_ip, e.error_code, e.read_only`;

// Every column a hit's signal copies, read for the hits only.
const SIGNAL_COLUMNS = `${RULE_COLUMNS}, e.principal_key, e.account_id, e.region, e.principal_name, e.user_agent`;

interface StreamRow {
  id: string;
  natural_id: string;
  event_ms: number;
  event_source: string | null;
  event_name: string;
  principal_key?: string;
  principal_type: string | null;
  access_key_id: string | null;
  source_ip: string | null;
  error_code: string | null;
  read_only: boolean | null;
}

interface SignalRow extends StreamRow {
  principal_key: string;
  account_id: string | null;
  region: string | null;
  principal_name: string | null;
  user_agent: string | null;
}

function toStreamEvent(row: StreamRow, principalKey: string): StreamEvent {
  return {
    id: row.id,
    naturalId: row.natural_id,
    eventTime: new Date(row.event_ms),
    eventSource: row.event_source,
    eventName: row.event_name,
    principalKey,
    principalType: row.principal_type,
    accessKeyId: row.access_key_id,
    sourceIp: row.source_ip,
    errorCode: row.error_code,
    readOnly: row.read_only,
  };
}

function toSignalEvent(row: SignalRow): StreamSignalEvent {
  return {
    ...toStreamEvent(row, row.principal_key),
    accountId: row.account_id,
    region: row.region,
    principalName: row.principal_name,
    userAgent: row.user_agent,
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

/** Events of a group read per query; longer groups are evaluated page by page. */
const GROUP_PAGE_ROWS = 20_000;

/** Most events within `lookbackMs` that a page is preceded by. */
const MAX_LOOKBACK_EVENTS = 20_000;

/** Reads up to `limit` of a group's events in the range after `after`, in (time, id) order. */
async function loadGroupPage(options: {
  rule: StreamRule;
  group: Group;
  range: [Date, Date];
  after: { time: Date; id: string } | null;
  limit: number;
}): Promise<{ events: StreamEvent[]; rows: number; last: { time: Date; id: string } | null }> {
  const { rule, group, after } = options;
  const byPrincipal = rule.groupBy === "principal";
  const column = GROUP_COLUMN[rule.groupBy];
  const values: unknown[] = [group.key, ...options.range, options.limit];
  let keyset = "";
  if (after !== null) {
    values.push(after.time, after.id);
    keyset = "AND (e.event_time, e.id) > ($5, $6::bigint)";
  }
  const result = await pgPool().query<StreamRow>(
    `SELECT ${RULE_COLUMNS}${byPrincipal ? "" : ", e.principal_key"} FROM events e
     WHERE e.${column} = $1 AND e.source = 'cloudtrail' AND e.principal_key IS NOT NULL
       AND e.event_time BETWEEN $2 AND $3 AND (${rule.candidateSql}) ${keyset}
     ORDER BY e.event_time, e.id LIMIT $4`,
    values,
  );
  const lastRow = result.rows.at(-1);
  return {
    events: result.rows.map((row) => toStreamEvent(row, byPrincipal ? group.key : row.principal_key!)).filter((event) => rule.accepts(event)),
    rows: result.rows.length,
    last: lastRow === undefined ? null : { time: new Date(lastRow.event_ms), id: lastRow.id },
  };
}

/**
 * Runs a rule over a group's events a page at a time, so that memory does not
 * grow with the group. Rules look only backwards, so each page is preceded by
 * the previous events within `lookbackMs` (at most MAX_LOOKBACK_EVENTS), and only
 * hits on the page's own events count. With `alignMs`, a page ends at a period
 * boundary and the rest of the period moves to the next page.
 *
 * A period that fills a page by itself goes to the rule's detectLargePeriod
 * when it has one, which reads the period through queries, and reading
 * resumes after the period.
 *
 * NOTE: state a rule keeps across a group, such as the impossible-travel
 * rule's one signal per pair of countries, restarts on each page, so a group
 * of more than GROUP_PAGE_ROWS events may get one such signal per page.
 */
async function detectInPages(rule: StreamRule, group: Group, lookups: StreamLookups, pageRows: number): Promise<StreamHit[]> {
  const range = readRange(rule, group);
  const hits: StreamHit[] = [];
  let before: StreamEvent[] = [];
  let pending: StreamEvent[] = [];
  let after: { time: Date; id: string } | null = null;
  for (;;) {
    const page = await loadGroupPage({ rule, group, range, after, limit: pageRows });
    const finished = page.rows < pageRows;
    after = page.last ?? after;
    let own = [...pending, ...page.events];
    pending = [];
    if (!finished && rule.alignMs !== undefined && own.length > 0) {
      const boundary = Math.floor(own[own.length - 1].eventTime.getTime() / rule.alignMs) * rule.alignMs;
      const cut = own.findIndex((event) => event.eventTime.getTime() >= boundary);
      pending = own.slice(cut);
      own = own.slice(0, cut);
      if (pending.length >= pageRows && rule.detectLargePeriod !== undefined) {
        const period = await largePeriod(rule, group, new Date(boundary), new Date(boundary + rule.alignMs - 1));
        hits.push(...(await rule.detectLargePeriod(period, lookups)));
        pending = [];
        // Event times have millisecond precision, so no event of the period is later than its last millisecond.
        after = { time: period.end, id: MAX_EVENT_ID };
      }
    }
    if (own.length > 0) {
      const ownIds = new Set(own.map((event) => event.id));
      const pageHits = await rule.detect([...before, ...own], lookups);
      hits.push(...pageHits.filter((hit) => ownIds.has(hit.event.id)));
      const since = own[own.length - 1].eventTime.getTime() - rule.lookbackMs;
      before = [...before, ...own].filter((event) => event.eventTime.getTime() >= since).slice(-MAX_LOOKBACK_EVENTS);
    }
    if (finished) {
      return hits;
    }
  }
}

/** Largest value of the bigint `events.id`, which keyset paging passes to skip the rest of a period. */
const MAX_EVENT_ID = "9223372036854775807";

/** Returns a period of a group's candidate events, counted and read by offset through queries. */
async function largePeriod(rule: StreamRule, group: Group, start: Date, end: Date): Promise<LargePeriod & { end: Date }> {
  const byPrincipal = rule.groupBy === "principal";
  const where = `e.${GROUP_COLUMN[rule.groupBy]} = $1 AND e.source = 'cloudtrail' AND e.principal_key IS NOT NULL
       AND e.event_time BETWEEN $2 AND $3 AND (${rule.candidateSql})`;
  const counted = await pgPool().query<{ count: number }>(`SELECT count(*)::int AS count FROM events e WHERE ${where}`, [group.key, start, end]);
  return {
    key: group.key,
    start,
    end,
    count: counted.rows[0]?.count ?? 0,
    async eventAt(index) {
      const result = await pgPool().query<StreamRow>(
        `SELECT ${RULE_COLUMNS}${byPrincipal ? "" : ", e.principal_key"} FROM events e WHERE ${where}
         ORDER BY e.event_time, e.natural_id OFFSET $4 LIMIT 1`,
        [group.key, start, end, index],
      );
      const row = result.rows[0];
      if (row === undefined) {
        throw new Error(`event ${index + 1} of ${group.key}'s ${rule.id} events from ${start.toISOString()} not found; events were deleted while detection ran`);
      }
      return toStreamEvent(row, byPrincipal ? group.key : row.principal_key!);
    },
  };
}

/** Builds the signals of a group's hits, reading the columns a signal copies for those events only. */
async function hitsToSignals(rule: StreamRule, hits: readonly StreamHit[]): Promise<SignalInput[]> {
  if (hits.length === 0) {
    return [];
  }
  const ids = [...new Set(hits.map((hit) => hit.event.id))];
  const result = await pgPool().query<SignalRow>(`SELECT ${SIGNAL_COLUMNS} FROM events e WHERE e.id = ANY($1::bigint[])`, [ids]);
  const events = new Map(result.rows.map((row) => [row.id, toSignalEvent(row)]));
  return hits.map((hit) => {
    const event = events.get(hit.event.id);
    if (event === undefined) {
      throw new Error(`event ${hit.event.naturalId} of a ${rule.id} hit not found; it was deleted while detection ran`);
    }
    return streamHitToSignal(rule, hit, event);
  });
}

/** Builds the signal of a stream rule's hit, with the same details a per-event rule's signal carries. */
export function streamHitToSignal(rule: StreamRule, hit: StreamHit, event: StreamSignalEvent): SignalInput {
  return cloudTrailHitToSignal(rule, event, hit);
}

/**
 * Runs stream rules over the events of every principal or key that has
 * events in the selection, reading `lookbackMs` before and after them, and
 * saves one signal per hit. Returns the new and re-scored signals.
 */
export async function evaluateStreamRules(options: EvaluateStreamRulesOptions): Promise<SavedSignal[]> {
  const pageRows = options.pageRows ?? GROUP_PAGE_ROWS;
  const groupsByRule = await Promise.all(options.rules.map((rule) => loadGroups(rule, options)));
  // Kept by rule and group, so the signals come out in the same order
  // whatever order the queries finish in.
  const byRule: SignalInput[][][] = groupsByRule.map((groups) => groups.map(() => []));
  const run = async (entry: RuleGroup, read: () => Promise<StreamHit[]>) => {
    try {
      byRule[entry.ruleIndex][entry.groupIndex] = await hitsToSignals(entry.rule, await read());
    } catch (error) {
      if (isDatabaseFailure(error)) {
        throw error;
      }
      // One group's failure must not stop detection for the others.
      options.log.error({ err: error, ruleId: entry.rule.id, group: entry.group.key }, "stream rule failed on a group; skipped");
    }
  };
  // The groups of every rule share one queue, so that a rule with a few long
  // groups runs beside the others instead of after them.
  await forEachConcurrently(planTasks(options.rules, groupsByRule), GROUP_CONCURRENCY, async (task) => {
    if (task.entries.length > 1) {
      let together: StreamEvent[][] | null;
      try {
        together = await readPrincipalOnce(task.entries, pageRows);
      } catch (error) {
        if (isDatabaseFailure(error)) {
          throw error;
        }
        for (const entry of task.entries) {
          options.log.error({ err: error, ruleId: entry.rule.id, group: entry.group.key }, "stream rule failed on a group; skipped");
        }
        return;
      }
      if (together !== null) {
        const events = together;
        await Promise.all(task.entries.map((entry, index) => run(entry, () => entry.rule.detect(events[index], options.lookups))));
        return;
      }
    }
    for (const entry of task.entries) {
      await run(entry, () => detectInPages(entry.rule, entry.group, options.lookups, pageRows));
    }
  });
  return saveSignals(byRule.flat(2));
}

interface RuleGroup {
  rule: StreamRule;
  ruleIndex: number;
  group: Group;
  groupIndex: number;
}

/**
 * Plans one task per access-key group, and one per principal for all the
 * rules that group by principal, so that a principal's events are read once.
 */
function planTasks(rules: readonly StreamRule[], groupsByRule: readonly Group[][]): Array<{ entries: RuleGroup[] }> {
  const tasks: Array<{ entries: RuleGroup[] }> = [];
  const byPrincipal = new Map<string, RuleGroup[]>();
  groupsByRule.forEach((groups, ruleIndex) => {
    const rule = rules[ruleIndex];
    groups.forEach((group, groupIndex) => {
      const entry = { rule, ruleIndex, group, groupIndex };
      if (rule.groupBy !== "principal") {
        tasks.push({ entries: [entry] });
        return;
      }
      const entries = byPrincipal.get(group.key);
      if (entries === undefined) {
        byPrincipal.set(group.key, [entry]);
      } else {
        entries.push(entry);
      }
    });
  });
  for (const entries of byPrincipal.values()) {
    tasks.push({ entries });
  }
  return tasks;
}

/**
 * Reads a principal's events for several rules in one query: the union of
 * their candidates over the union of their ranges, each row flagged with the
 * rules it is a candidate of. Returns, for each rule, exactly the events its
 * own query would have read. Returns null when the principal has a page or
 * more of such events; the rules then read theirs page by page (detectInPages).
 */
async function readPrincipalOnce(entries: readonly RuleGroup[], pageRows: number): Promise<StreamEvent[][] | null> {
  const ranges = entries.map((entry) => readRange(entry.rule, entry.group));
  const from = new Date(Math.min(...ranges.map(([start]) => start.getTime())));
  const to = new Date(Math.max(...ranges.map(([, end]) => end.getTime())));
  const flags = entries.map((entry, index) => `(${entry.rule.candidateSql}) AS candidate_${index}`).join(", ");
  const anyRule = entries.map((entry) => `(${entry.rule.candidateSql})`).join(" OR ");
  const key = entries[0].group.key;
  const result = await pgPool().query<StreamRow & Record<`candidate_${number}`, boolean | null>>(
    `SELECT ${RULE_COLUMNS}, ${flags} FROM events e
     WHERE e.principal_key = $1 AND e.source = 'cloudtrail' AND e.principal_key IS NOT NULL
       AND e.event_time BETWEEN $2 AND $3 AND (${anyRule})
     ORDER BY e.event_time, e.id LIMIT $4`,
    [key, from, to, pageRows],
  );
  if (result.rows.length >= pageRows) {
    return null;
  }
  return entries.map((entry, index) => {
    const [start, end] = ranges[index];
    return result.rows
      .filter((row) => row[`candidate_${index}`] === true && row.event_ms >= start.getTime() && row.event_ms <= end.getTime())
      .map((row) => toStreamEvent(row, key))
      .filter((event) => entry.rule.accepts(event));
  });
}
