import type { PoolClient } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { copyLine } from "./copy-text";
import type { EventRow } from "./event-row";

const COLUMNS = [
  "source",
  "natural_id",
  "event_time",
  "account_id",
  "region",
  "event_source",
  "event_name",
  "principal_key",
  "principal_arn",
  "principal_type",
  "principal_name",
  "session_name",
  "access_key_id",
  "source_ip",
  "source_service",
  "user_agent",
  "error_code",
  "read_only",
  "redacted",
  "batch_id",
  "file_id",
  "record_index",
  "raw_codec",
  "raw",
] as const;

const COLUMN_LIST = COLUMNS.join(", ");

function rowValues(row: EventRow): Array<string | number | boolean | Date | Buffer | null> {
  return [
    row.source,
    row.naturalId,
    row.eventTime,
    row.accountId,
    row.region,
    row.eventSource,
    row.eventName,
    row.principalKey,
    row.principalArn,
    row.principalType,
    row.principalName,
    row.sessionName,
    row.accessKeyId,
    row.sourceIp,
    row.sourceService,
    row.userAgent,
    row.errorCode,
    row.readOnly,
    row.redacted,
    row.batchId,
    row.fileId,
    row.recordIndex,
    row.rawCodec,
    row.raw,
  ];
}

export interface StoreResult {
  inserted: EventRow[];
  duplicates: EventRow[];
}

/**
 * Stores event rows idempotently inside the caller's transaction: COPY into a
 * temporary staging table, then one INSERT ... ON CONFLICT DO NOTHING keyed by
 * (source, natural_id). Rows already stored, or repeated within `rows`, come
 * back as duplicates and are recorded as further deliveries.
 */
export async function storeEventRows(client: PoolClient, rows: EventRow[]): Promise<StoreResult> {
  if (rows.length === 0) {
    return { inserted: [], duplicates: [] };
  }
  await client.query(
    "CREATE TEMP TABLE IF NOT EXISTS events_stage (LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
  );
  await pipeline(
    Readable.from(rowsAsCopyText(rows)),
    client.query(copyFrom(`COPY events_stage (${COLUMN_LIST}) FROM STDIN`)),
  );
  const result = await client.query<{ natural_id: string; source: string }>(
    `INSERT INTO events (${COLUMN_LIST})
     SELECT DISTINCT ON (source, natural_id) ${COLUMN_LIST} FROM events_stage ORDER BY source, natural_id, record_index
     ON CONFLICT (source, natural_id) DO NOTHING
     RETURNING source, natural_id`,
  );
  const insertedKeys = new Set(result.rows.map((row) => `${row.source}\u0000${row.natural_id}`));
  const inserted: EventRow[] = [];
  const duplicates: EventRow[] = [];
  for (const row of rows) {
    const key = `${row.source}\u0000${row.naturalId}`;
    if (insertedKeys.delete(key)) {
      inserted.push(row);
    } else {
      duplicates.push(row);
    }
  }
  await recordDeliveries(client, duplicates);
  await client.query("TRUNCATE events_stage");
  return { inserted, duplicates };
}

function* rowsAsCopyText(rows: EventRow[]): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += copyLine(rowValues(row));
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) {
    yield chunk;
  }
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
