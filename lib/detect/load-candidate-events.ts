import { pgPool } from "@/lib/db/client";
import { decodeRaw } from "@/lib/ingest/raw-codec";
import { logger } from "@/lib/log";
import type { JsonObject } from "@/lib/sources/common/json-fields";

import { parseEventRecord } from "./decode-event-record";

import type { CandidateEvent } from "./rules/rule-types";

/**
 * Selection of the events to load:
 * - `filter`: events of a batch and/or since a time, or all events.
 * - `extended-history`: events outside a batch whose "not enough history"
 *   verdict the batch may have changed (see EXTENDED_HISTORY_SQL).
 * - `window`: events within a time range.
 */
export type CandidateSelection =
  | { kind: "filter"; batchId?: string; since?: Date }
  | { kind: "extended-history"; batchId: string; minHistoryMs: number }
  | { kind: "window"; from: Date; to: Date };

const COLUMNS = `e.id::text AS id, e.natural_id, e.event_time, e.account_id, e.region, e.event_source,
  e.event_name, e.principal_key, e.principal_arn, e.principal_type, e.principal_name,
  e.access_key_id, host(e.source_ip) AS source_ip, e.user_agent, e.error_code, e.raw_codec, e.raw`;

/** Events named in $1, or matching any further condition a rule adds (see CloudTrailRule.candidates). */
function candidateSql(extra: readonly string[]): string {
  const named = ["e.event_name = ANY($1::text[])", ...extra.map((condition) => `(${condition})`)].join(" OR ");
  return `e.source = 'cloudtrail' AND (${named}) AND e.principal_key IS NOT NULL AND e.id > $2::bigint`;
}

/**
 * A batch whose events are older than any earlier event of a principal moves
 * the principal's first seen back. Events from (new first seen + minimum
 * history) to (previous first seen + minimum history) were judged with too
 * little history and now have enough, so they are evaluated again.
 */
const EXTENDED_HISTORY_SQL = (candidate: string, columns: string) => `
WITH batch_principals AS (
  SELECT principal_key, min(event_time) AS batch_first
  FROM events WHERE batch_id = $3::uuid AND principal_key IS NOT NULL
  GROUP BY principal_key
), extended AS (
  SELECT bp.principal_key, bp.batch_first,
    (SELECT min(o.event_time) FROM events o
     WHERE o.principal_key = bp.principal_key AND o.batch_id <> $3::uuid) AS previous_first
  FROM batch_principals bp
)
SELECT ${columns}
FROM extended x JOIN events e ON e.principal_key = x.principal_key
WHERE ${candidate} AND x.previous_first > x.batch_first AND e.batch_id <> $3::uuid
  AND e.event_time >= x.batch_first + $4::double precision * interval '1 millisecond'
  AND e.event_time < x.previous_first + $4::double precision * interval '1 millisecond'
ORDER BY e.id LIMIT $5`;

function buildQuery(
  selection: CandidateSelection,
  limit: number,
  extra: readonly string[],
  columns: string,
): { sql: string; values: unknown[] } {
  const candidate = candidateSql(extra);
  if (selection.kind === "extended-history") {
    return { sql: EXTENDED_HISTORY_SQL(candidate, columns), values: [selection.batchId, selection.minHistoryMs, limit] };
  }
  const conditions: string[] = [];
  const values: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    values.push(value);
    conditions.push(condition.replace("?", `$${values.length + 2}`));
  };
  if (selection.kind === "window") {
    add("e.event_time >= ?", selection.from);
    add("e.event_time <= ?", selection.to);
  } else {
    if (selection.batchId !== undefined) {
      add("e.batch_id = ?::uuid", selection.batchId);
    }
    if (selection.since !== undefined) {
      add("e.event_time >= ?", selection.since);
    }
  }
  values.push(limit);
  const where = [candidate, ...conditions].join(" AND ");
  return { sql: `SELECT ${columns} FROM events e WHERE ${where} ORDER BY e.id LIMIT $${values.length + 2}`, values };
}

interface CandidateRow {
  id: string;
  natural_id: string;
  event_time: Date;
  account_id: string | null;
  region: string | null;
  event_source: string | null;
  event_name: string;
  principal_key: string;
  principal_arn: string | null;
  principal_type: string | null;
  principal_name: string | null;
  access_key_id: string | null;
  source_ip: string | null;
  user_agent: string | null;
  error_code: string | null;
  raw_codec: number;
  raw: Buffer;
}

/**
 * Parses the record of a row and returns it with the size of its JSON text.
 * The record is null when it cannot be decoded, so that the rules skip it.
 */
function decodeRecord(row: CandidateRow): { record: JsonObject | null; textBytes: number } {
  try {
    const text = decodeRaw(row.raw_codec, row.raw);
    return { record: parseEventRecord(text), textBytes: text.length };
  } catch (error) {
    logger.warn({ err: error, eventId: row.natural_id }, "stored event could not be decoded; rules skip it");
    return { record: null, textBytes: 0 };
  }
}

function toCandidate(row: CandidateRow, record: JsonObject): CandidateEvent {
  return {
    id: row.id,
    naturalId: row.natural_id,
    eventTime: row.event_time,
    accountId: row.account_id,
    region: row.region,
    eventSource: row.event_source,
    eventName: row.event_name,
    principalKey: row.principal_key,
    principalArn: row.principal_arn,
    principalType: row.principal_type,
    principalName: row.principal_name,
    accessKeyId: row.access_key_id,
    sourceIp: row.source_ip,
    userAgent: row.user_agent,
    errorCode: row.error_code,
    record,
  };
}

/**
 * Yields pages of CloudTrail events named in `eventNames` or matching one of
 * the `extraConditions` (SQL over `events e`), in id order, with decoded records.
 */
export async function* loadCandidateEvents(options: {
  eventNames: readonly string[];
  extraConditions?: readonly string[];
  selection: CandidateSelection;
  pageSize?: number;
}): AsyncGenerator<CandidateEvent[]> {
  const pageSize = options.pageSize ?? 1_000;
  // A keyset page over a batch sorts every candidate of the batch. The ids are
  // therefore read 50,000 at a time, and each page of rows is then read by id.
  const { sql, values } = buildQuery(options.selection, ID_CHUNK, options.extraConditions ?? [], "e.id::text AS id");
  let afterId = "0";
  for (;;) {
    const ids = (await pgPool().query<{ id: string }>(sql, [options.eventNames, afterId, ...values])).rows.map((row) => row.id);
    for (let start = 0; start < ids.length; start += pageSize) {
      yield* decodePages(await loadRows(ids.slice(start, start + pageSize)));
    }
    if (ids.length < ID_CHUNK) {
      return;
    }
    afterId = ids[ids.length - 1];
  }
}

/**
 * JSON text decoded per page at most. A parsed record takes several times
 * its text in memory, and up to twenty times for text made of empty objects
 * and arrays. Twenty records just under the 1 MiB limit filled the CLI's
 * 256 MiB heap when decoded as one page. Records of about 1.3 KB still come
 * 1,000 to a page.
 */
const PAGE_TEXT_BYTES = 2 * 1024 * 1024;

/** Decodes rows into pages of events, starting a new page when the decoded text reaches PAGE_TEXT_BYTES. */
function* decodePages(rows: readonly CandidateRow[]): Generator<CandidateEvent[]> {
  let page: CandidateEvent[] = [];
  let textBytes = 0;
  for (const row of rows) {
    const decoded = decodeRecord(row);
    if (decoded.record !== null) {
      page.push(toCandidate(row, decoded.record));
      textBytes += decoded.textBytes;
    }
    if (textBytes >= PAGE_TEXT_BYTES) {
      yield page;
      page = [];
      textBytes = 0;
    }
  }
  if (page.length > 0) {
    yield page;
  }
}

/** Candidate ids read per query; at about 60 bytes each, a chunk takes a few megabytes. */
const ID_CHUNK = 50_000;

async function loadRows(ids: readonly string[]): Promise<CandidateRow[]> {
  const result = await pgPool().query<CandidateRow>(`SELECT ${COLUMNS} FROM events e WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`, [ids]);
  return result.rows;
}
