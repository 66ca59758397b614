import type { PoolClient } from "pg";

/**
 * Access keys in a principal's lineage: the keys it owns, then every key
 * created with one of those keys, and so on. A key an attacker creates with
 * a stolen key therefore stays linked to the stolen key's owner, also when
 * it was created for another user.
 */
// UNION (not UNION ALL) drops repeated (root, key) pairs, which also ends
// the recursion if created_by_key ever forms a cycle.
const LINEAGE_SQL = `
WITH RECURSIVE lineage(root, access_key_id) AS (
  SELECT principal_key, access_key_id FROM access_keys WHERE principal_key = ANY($1::text[])
  UNION
  SELECT l.root, k.access_key_id FROM access_keys k JOIN lineage l ON k.created_by_key = l.access_key_id
)
SELECT root AS principal_key, access_key_id FROM lineage`;

/** Returns, for each principal, the access keys of its lineage. */
export async function loadCorrelationLineage(
  client: PoolClient,
  principalKeys: readonly string[],
): Promise<Map<string, Set<string>>> {
  const lineage = new Map<string, Set<string>>();
  for (const key of principalKeys) {
    lineage.set(key, new Set());
  }
  if (principalKeys.length === 0) {
    return lineage;
  }
  const result = await client.query<{ principal_key: string; access_key_id: string }>(LINEAGE_SQL, [principalKeys]);
  for (const row of result.rows) {
    lineage.get(row.principal_key)?.add(row.access_key_id);
  }
  return lineage;
}
