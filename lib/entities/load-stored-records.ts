import { pgPool } from "@/lib/db/client";
import { decodeEventRecord } from "@/lib/detect/decode-event-record";
import { logger } from "@/lib/log";
import type { JsonObject } from "@/lib/sources/common/json-fields";

/** A CloudTrail event with its decoded record. */
export interface StoredRecord {
  naturalId: string;
  eventTime: Date;
  eventName: string | null;
  principalKey: string | null;
  principalName: string | null;
  accessKeyId: string | null;
  record: JsonObject;
}

interface RecordRow {
  natural_id: string;
  event_time: Date;
  event_name: string | null;
  principal_key: string | null;
  principal_name: string | null;
  access_key_id: string | null;
  raw_codec: number;
  raw: Buffer;
}

/**
 * Loads and decodes CloudTrail events matching a WHERE clause over `events e`,
 * newest first, at most `limit`. Records that cannot be decoded are skipped
 * with a warning.
 */
export async function loadStoredRecords(options: {
  where: string;
  values: unknown[];
  limit: number;
}): Promise<StoredRecord[]> {
  const result = await pgPool().query<RecordRow>(
    `SELECT e.natural_id, e.event_time, e.event_name, e.principal_key, e.principal_name, e.access_key_id,
       e.raw_codec, e.raw
     FROM events e WHERE e.source = 'cloudtrail' AND ${options.where}
     ORDER BY e.event_time DESC, e.id DESC LIMIT ${Number(options.limit)}`,
    options.values,
  );
  const records: StoredRecord[] = [];
  for (const row of result.rows) {
    try {
      const record = decodeEventRecord(row.raw_codec, row.raw);
      if (record !== null) {
        records.push({
          naturalId: row.natural_id,
          eventTime: row.event_time,
          eventName: row.event_name,
          principalKey: row.principal_key,
          principalName: row.principal_name,
          accessKeyId: row.access_key_id,
          record,
        });
      }
    } catch (error) {
      logger.warn({ err: error, eventId: row.natural_id }, "stored event could not be decoded; left out of the entity page");
    }
  }
  return records;
}
