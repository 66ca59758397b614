import { getString } from "@/lib/sources/common/json-fields";

import { loadStoredRecords } from "./load-stored-records";

/** The latest status CloudTrail shows for an access key. */
export interface KeyStatusChange {
  status: "Active" | "Inactive" | "Deleted";
  at: string;
  /** CloudTrail eventID of the call that set it. */
  eventId: string;
}

// The calls are rare next to other events, so reading them newest first and
// decoding each stays cheap. NOTE: only the latest 5,000 such calls are read.
const STATUS_CALLS_LIMIT = 5_000;

/**
 * Returns, for each of the given access keys that a successful
 * UpdateAccessKey or DeleteAccessKey names, the status the latest such call
 * left it in. `access_keys.status` only records the status at creation.
 */
export async function loadKeyStatusChanges(accessKeyIds: readonly string[]): Promise<Map<string, KeyStatusChange>> {
  const requested = new Set(accessKeyIds);
  const changes = new Map<string, KeyStatusChange>();
  if (requested.size === 0) {
    return changes;
  }
  const calls = await loadStoredRecords({
    where: "e.event_name = ANY(ARRAY['UpdateAccessKey', 'DeleteAccessKey']) AND e.error_code IS NULL",
    values: [],
    limit: STATUS_CALLS_LIMIT,
  });
  for (const call of calls) {
    const keyId = getString(call.record, "requestParameters", "accessKeyId");
    if (keyId === null || !requested.has(keyId) || changes.has(keyId)) {
      continue;
    }
    const status = call.eventName === "DeleteAccessKey" ? "Deleted" : statusOf(getString(call.record, "requestParameters", "status"));
    if (status !== null) {
      changes.set(keyId, { status, at: call.eventTime.toISOString(), eventId: call.naturalId });
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
