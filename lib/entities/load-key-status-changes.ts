import { pgPool } from "@/lib/db/client";
import { decodeEventRecord } from "@/lib/detect/decode-event-record";
import { getString } from "@/lib/sources/common/json-fields";

/** The latest status CloudTrail shows for an access key. */
export interface KeyStatusChange {
  status: "Active" | "Inactive" | "Deleted";
  at: string;
  /** CloudTrail eventID of the call that set it. */
  eventId: string;
}

// The calls are rare next to other events, so reading them newest first and
// decoding each stays cheap. NOTE: only the latest 5,000 such calls are read.
const STATUS_CALLS_SQL = `
SELECT natural_id, event_time, event_name, raw_codec, raw FROM events
WHERE source = 'cloudtrail' AND event_name = ANY(ARRAY['UpdateAccessKey', 'DeleteAccessKey'])
  AND error_code IS NULL
ORDER BY event_time DESC, id DESC
LIMIT 5000`;

/**
 * Returns, for each of the given access keys that a successful
 * UpdateAccessKey or DeleteAccessKey names, the status the latest such call
 * left it in. `access_keys.status` only records the status at creation.
 */
export async function loadKeyStatusChanges(accessKeyIds: readonly string[]): Promise<Map<string, KeyStatusChange>> {
  const wanted = new Set(accessKeyIds);
  const changes = new Map<string, KeyStatusChange>();
  if (wanted.size === 0) {
    return changes;
  }
  const result = await pgPool().query<{ natural_id: string; event_time: Date; event_name: string; raw_codec: number; raw: Buffer }>(
    STATUS_CALLS_SQL,
  );
  for (const row of result.rows) {
    const record = decodeRecordOrNull(row.raw_codec, row.raw);
    const keyId = record === null ? null : getString(record, "requestParameters", "accessKeyId");
    if (keyId === null || !wanted.has(keyId) || changes.has(keyId)) {
      continue;
    }
    const status = row.event_name === "DeleteAccessKey" ? "Deleted" : statusOf(record === null ? null : getString(record, "requestParameters", "status"));
    if (status !== null) {
      changes.set(keyId, { status, at: row.event_time.toISOString(), eventId: row.natural_id });
    }
  }
  return changes;
}

function statusOf(value: string | null): "Active" | "Inactive" | null {
  if (value === "Active" || value === "Inactive") {
    return value;
  }
  return null;
}

function decodeRecordOrNull(rawCodec: number, raw: Buffer) {
  try {
    return decodeEventRecord(rawCodec, raw);
  } catch {
    return null;
  }
}
