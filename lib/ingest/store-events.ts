import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from "./copy-binary";
import { EVENT_COPY_COLUMNS, encodeEventRows, eventCopySql } from "./event-copy-rows";
import type { EventRow } from "./event-row";

const COLUMN_LIST = EVENT_COPY_COLUMNS.join(", ");
const UNIQUE_VIOLATION = "23505";
const DEADLOCK_DETECTED = "40P01";
const NATURAL_KEY_CONSTRAINT = "events_source_natural_id_key";

export interface StoreResult {
  inserted: EventRow[];
  duplicates: EventRow[];
}

function keyOf(row: { source: string; naturalId: string }): string {
  return `${row.source}\u0000${row.naturalId}`;
}

async function copyRows(client: PoolClient, table: string, rows: readonly EventRow[]): Promise<void> {
  const body = [BINARY_COPY_HEADER, encodeEventRows(rows), BINARY_COPY_TRAILER];
  await pipeline(Readable.from(body), client.query(copyFrom(eventCopySql(table))));
}

/** Returns the keys of `rows` already in `events`, one indexed lookup per source. */
async function findStoredKeys(client: PoolClient, rows: readonly EventRow[]): Promise<Set<string>> {
  const bySource = new Map<string, string[]>();
  for (const row of rows) {
    const ids = bySource.get(row.source) ?? [];
    ids.push(row.naturalId);
    bySource.set(row.source, ids);
  }
  const stored = new Set<string>();
  for (const [source, ids] of bySource) {
    const result = await client.query<{ natural_id: string }>(
      "SELECT natural_id FROM events WHERE source = $1 AND natural_id = ANY($2::text[])",
      [source, ids],
    );
    for (const row of result.rows) {
      stored.add(keyOf({ source, naturalId: row.natural_id }));
    }
  }
  return stored;
}

/**
 * True when another transaction stored one of the same events first: it
 * committed it (unique violation), or both wait on each other's new index
 * entries (deadlock, which PostgreSQL breaks by failing one of them).
 */
function isConcurrentInsert(error: unknown): boolean {
  const details = error as { code?: unknown; constraint?: unknown };
  if (details.code === DEADLOCK_DETECTED) {
    return true;
  }
  return details.code === UNIQUE_VIOLATION && details.constraint === NATURAL_KEY_CONSTRAINT;
}

/**
 * COPYs rows straight into `events` and returns the keys inserted. A
 * concurrent writer may store one of the same events between the lookup and
 * the COPY, and the unique index then fails the COPY. It is undone to its
 * savepoint, which releases its locks, and redone through a staging table
 * with ON CONFLICT DO NOTHING.
 */
async function insertFresh(client: PoolClient, rows: readonly EventRow[]): Promise<Set<string>> {
  await client.query("SAVEPOINT store_events");
  try {
    await copyRows(client, "events", rows);
    await client.query("RELEASE SAVEPOINT store_events");
    return new Set(rows.map(keyOf));
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT store_events");
    if (!isConcurrentInsert(error)) {
      throw error;
    }
    return insertThroughStaging(client, rows);
  }
}

async function insertThroughStaging(client: PoolClient, rows: readonly EventRow[]): Promise<Set<string>> {
  await client.query(
    "CREATE TEMP TABLE IF NOT EXISTS events_stage (LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
  );
  await copyRows(client, "events_stage", rows);
  const result = await client.query<{ natural_id: string; source: string }>(
    `INSERT INTO events (${COLUMN_LIST})
     SELECT ${COLUMN_LIST} FROM events_stage
     ON CONFLICT (source, natural_id) DO NOTHING
     RETURNING source, natural_id`,
  );
  await client.query("TRUNCATE events_stage");
  return new Set(result.rows.map((row) => keyOf({ source: row.source, naturalId: row.natural_id })));
}

/**
 * Stores event rows idempotently inside the caller's transaction. Rows
 * already stored, or repeated within `rows`, come back as duplicates and are
 * recorded as further deliveries. The first occurrence in `rows` is the one
 * stored. New rows go to `events` with one binary COPY, which writes each row
 * once, where COPY into a staging table followed by INSERT ... SELECT ... ON
 * CONFLICT wrote it twice.
 */
export async function storeEventRows(client: PoolClient, rows: EventRow[]): Promise<StoreResult> {
  if (rows.length === 0) {
    return { inserted: [], duplicates: [] };
  }
  const stored = await findStoredKeys(client, rows);
  const seen = new Set<string>();
  const fresh: EventRow[] = [];
  for (const row of rows) {
    const key = keyOf(row);
    if (!stored.has(key) && !seen.has(key)) {
      fresh.push(row);
    }
    seen.add(key);
  }
  const insertedKeys = fresh.length > 0 ? await insertFresh(client, fresh) : new Set<string>();
  const inserted: EventRow[] = [];
  const duplicates: EventRow[] = [];
  for (const row of rows) {
    if (insertedKeys.delete(keyOf(row))) {
      inserted.push(row);
    } else {
      duplicates.push(row);
    }
  }
  await recordDeliveries(client, duplicates);
  return { inserted, duplicates };
}

async function recordDeliveries(client: PoolClient, duplicates: EventRow[]): Promise<void> {
  if (duplicates.length === 0) {
    return;
  }
  await client.query(
    `INSERT INTO event_deliveries (source, natural_id, batch_id, file_id, record_index)
     SELECT d.source, d.natural_id, d.batch_id::uuid, d.file_id::uuid, d.record_index
     FROM jsonb_to_recordset($1::jsonb) AS d(source text, natural_id text, batch_id text, file_id text, record_index int)`,
    [
      JSON.stringify(
        duplicates.map((row) => ({
          source: row.source,
          natural_id: row.naturalId,
          batch_id: row.batchId,
          file_id: row.fileId,
          record_index: row.recordIndex,
        })),
      ),
    ],
  );
}
