import { pgPool } from "@/lib/db/client";

import type { CreatedAccessKey } from "./rules/rule-types";

// A CreateAccessKey record is the authoritative word on whose key it is and
// where it came from, so it overwrites an owner guessed from the key's use.
const UPSERT_CREATED_KEYS = `
INSERT INTO access_keys (access_key_id, principal_key, created_at, created_by_key, created_by_event_id, status)
SELECT access_key_id, principal_key, created_at, created_by_key, created_by_event_id, 'Active'
FROM jsonb_to_recordset($1::jsonb) AS r(
  access_key_id text, principal_key text, created_at timestamptz,
  created_by_key text, created_by_event_id text)
ORDER BY access_key_id COLLATE "C"
ON CONFLICT (access_key_id) DO UPDATE SET
  principal_key = EXCLUDED.principal_key,
  created_at = EXCLUDED.created_at,
  created_by_key = EXCLUDED.created_by_key,
  created_by_event_id = EXCLUDED.created_by_event_id,
  status = COALESCE(access_keys.status, EXCLUDED.status)`;

/** Records keys created by CreateAccessKey calls with their owner and lineage. */
export async function recordCreatedKeys(keys: readonly CreatedAccessKey[]): Promise<void> {
  const byId = new Map<string, CreatedAccessKey>();
  for (const key of keys) {
    byId.set(key.accessKeyId, key);
  }
  if (byId.size === 0) {
    return;
  }
  const rows = [...byId.values()]
    .sort((a, b) => (a.accessKeyId < b.accessKeyId ? -1 : 1))
    .map((key) => ({
      access_key_id: key.accessKeyId,
      principal_key: key.principalKey,
      created_at: key.createdAt.toISOString(),
      created_by_key: key.createdByKey,
      created_by_event_id: key.createdByEventId,
    }));
  await pgPool().query(UPSERT_CREATED_KEYS, [JSON.stringify(rows)]);
}
