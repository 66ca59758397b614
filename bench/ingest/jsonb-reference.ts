/**
 * A reference table beside the COPY ceiling: `events` with its columns and
 * indexes, except that `raw` is a jsonb column that contains the record's JSON
 * instead of the compressed bytes. Rates and sizes measured on it compare with
 * figures written for rows that keep the raw record as jsonb.
 */
import pg from "pg";

import { encodeEventRows } from "@/lib/ingest/event-copy-rows";
import type { EventRow } from "@/lib/ingest/event-row";
import { decodeRaw, RAW_CODEC_PLAIN } from "@/lib/ingest/raw-codec";

export const JSONB_REFERENCE_TABLE = "events_jsonb_reference";

/**
 * jsonb's binary input (jsonb_recv in PostgreSQL's src/backend/utils/adt/jsonb.c)
 * is a format version byte followed by the JSON text. PostgreSQL 15 rejects any
 * version but 1 ("unsupported jsonb version number").
 */
const JSONB_BINARY_VERSION = 1;

/** Returns the binary COPY value of a jsonb column for the UTF-8 JSON text `json`. */
export function jsonbBinary(json: Buffer): Buffer {
  const value = Buffer.allocUnsafe(1 + json.length);
  value[0] = JSONB_BINARY_VERSION;
  json.copy(value, 1);
  return value;
}

/**
 * Returns the row with `raw` replaced by its record's JSON in jsonb's binary
 * format, and `raw_codec` set to plain, since the value is no longer compressed.
 */
export function toJsonbReferenceRow(row: EventRow): EventRow {
  return { ...row, rawCodec: RAW_CODEC_PLAIN, raw: jsonbBinary(decodeRaw(row.rawCodec, row.raw)) };
}

/**
 * Encodes event rows as binary COPY tuples for the reference table.
 * `encodeEventRows` writes `raw` as a length and the bytes, which is also how a
 * jsonb field is framed, so the tuples differ from the `events` ones only in
 * that field's bytes.
 */
export function encodeJsonbReferenceRows(rows: readonly EventRow[]): Buffer {
  return encodeEventRows(rows.map(toJsonbReferenceRow));
}

/**
 * Creates the reference table from the migrated `events` table, so that it
 * follows later migrations. LIKE ... INCLUDING ALL copies the defaults,
 * constraints and indexes but not foreign keys. The copied `id` default still
 * draws from `events_id_seq`.
 * NOTE: jsonb rejects the escape `\u0000` and unpaired surrogate escapes. The
 * generated records contain neither, but a record with one would fail the COPY.
 */
export async function createJsonbReferenceTable(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TABLE ${JSONB_REFERENCE_TABLE} (LIKE events INCLUDING ALL)`);
    await client.query(`ALTER TABLE ${JSONB_REFERENCE_TABLE} ALTER COLUMN raw TYPE jsonb USING convert_from(raw, 'UTF8')::jsonb`);
    const counts = await client.query<{ events: string; reference: string }>(
      `SELECT (SELECT count(*) FROM pg_index WHERE indrelid = 'events'::regclass) AS events,
              (SELECT count(*) FROM pg_index WHERE indrelid = '${JSONB_REFERENCE_TABLE}'::regclass) AS reference`,
    );
    const row = counts.rows[0];
    if (row === undefined || row.events !== row.reference) {
      throw new Error(`${JSONB_REFERENCE_TABLE} has ${row?.reference ?? "no"} indexes after LIKE events INCLUDING ALL, expected ${row?.events ?? "?"} as on events.`);
    }
  } finally {
    await client.end();
  }
}
