import type { PoolClient } from "pg";

import { inTransaction } from "@/lib/db/client";
import type { EventRow } from "@/lib/ingest/event-row";

import { aggregateBaselineRows, type BaselineAggregates } from "./aggregate-baseline-rows";
import { addressSql } from "./baseline-values";

export interface UpdateBaselinesOptions {
  /** Rows just inserted into `events`; a row passed twice would be counted twice. */
  rows: readonly EventRow[];
  /** Connection of the caller's open transaction; without it the update commits on its own. */
  client?: PoolClient;
}

// Each statement takes its rows as one jsonb parameter, so a batch costs a
// few round trips whatever its size. Chunks bound the size of one parameter.
const CHUNK_SIZE = 5_000;

// Rows are sorted by key, here and across chunks (byte order, as JavaScript
// sorts), so that concurrent batches lock the rows of each table in the same
// order and do not deadlock on them.
const UPSERT_PRINCIPALS = `
INSERT INTO principals (key, type, arn, account_id, name, first_seen, last_seen, event_count)
SELECT key, type, arn, account_id, name, first_seen, last_seen, event_count
FROM jsonb_to_recordset($1::jsonb) AS r(
  key text, type text, arn text, account_id text, name text,
  first_seen timestamptz, last_seen timestamptz, event_count int)
ORDER BY key COLLATE "C"
ON CONFLICT (key) DO UPDATE SET
  arn = COALESCE(principals.arn, EXCLUDED.arn),
  account_id = COALESCE(principals.account_id, EXCLUDED.account_id),
  name = COALESCE(principals.name, EXCLUDED.name),
  first_seen = LEAST(principals.first_seen, EXCLUDED.first_seen),
  last_seen = GREATEST(principals.last_seen, EXCLUDED.last_seen),
  event_count = principals.event_count + EXCLUDED.event_count`;

// Addresses are regrouped by their inet text form, so that two spellings of
// one IPv6 address become one entry, equal to host(events.source_ip), and
// network values are computed from the address here.
const UPSERT_BASELINE_ENTRIES = `
WITH r AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
    principal_key text, dimension text, value text,
    first_seen timestamptz, last_seen timestamptz, count int)
), canonical AS (
  SELECT principal_key, dimension,
    CASE dimension
      WHEN 'ip' THEN ${addressSql("ip", "value")}
      WHEN 'network' THEN ${addressSql("network", "value")}
      ELSE value END AS value,
    min(first_seen) AS first_seen, max(last_seen) AS last_seen, sum(count)::int AS count
  FROM r GROUP BY 1, 2, 3
)
INSERT INTO baseline_entries (principal_key, dimension, value, first_seen, last_seen, count)
SELECT principal_key, dimension, value, first_seen, last_seen, count
FROM canonical ORDER BY principal_key COLLATE "C", dimension COLLATE "C", value COLLATE "C"
ON CONFLICT (principal_key, dimension, value) DO UPDATE SET
  first_seen = LEAST(baseline_entries.first_seen, EXCLUDED.first_seen),
  last_seen = GREATEST(baseline_entries.last_seen, EXCLUDED.last_seen),
  count = baseline_entries.count + EXCLUDED.count`;

// An owner already recorded (for example by the CreateAccessKey rule) is kept.
const UPSERT_ACCESS_KEYS = `
INSERT INTO access_keys (access_key_id, principal_key, first_seen, last_seen)
SELECT access_key_id, principal_key, first_seen, last_seen
FROM jsonb_to_recordset($1::jsonb) AS r(
  access_key_id text, principal_key text, first_seen timestamptz, last_seen timestamptz)
ORDER BY access_key_id COLLATE "C"
ON CONFLICT (access_key_id) DO UPDATE SET
  principal_key = COALESCE(access_keys.principal_key, EXCLUDED.principal_key),
  first_seen = LEAST(access_keys.first_seen, EXCLUDED.first_seen),
  last_seen = GREATEST(access_keys.last_seen, EXCLUDED.last_seen)`;

async function upsertInChunks(client: PoolClient, sql: string, items: readonly object[]): Promise<void> {
  for (let start = 0; start < items.length; start += CHUNK_SIZE) {
    await client.query(sql, [JSON.stringify(items.slice(start, start + CHUNK_SIZE))]);
  }
}

async function writeAggregates(client: PoolClient, aggregates: BaselineAggregates): Promise<void> {
  await upsertInChunks(client, UPSERT_PRINCIPALS, aggregates.principals);
  await upsertInChunks(client, UPSERT_BASELINE_ENTRIES, aggregates.entries);
  await upsertInChunks(client, UPSERT_ACCESS_KEYS, aggregates.accessKeys);
}

/**
 * Adds inserted CloudTrail event rows to `principals`, `baseline_entries`
 * and `access_keys`; rows of other sources are ignored. Totals are built in memory and written in one transaction
 * with a few statements, because this runs on the bulk-ingest path.
 * First and last seen are the least and greatest times, so the result does
 * not depend on the order in which files arrive.
 */
export async function updateBaselines(options: UpdateBaselinesOptions): Promise<void> {
  const aggregates = aggregateBaselineRows(options.rows);
  if (aggregates.principals.length === 0) {
    return;
  }
  if (options.client !== undefined) {
    await writeAggregates(options.client, aggregates);
    return;
  }
  await inTransaction((client) => writeAggregates(client, aggregates));
}
