import { pgPool } from "@/lib/db/client";
import { TIMELINE_MARGIN_MS } from "@/lib/incidents/get-incident";

// An incident's timeline shows the events of its signals' principals and
// access keys from TIMELINE_MARGIN_MS before its first signal to as long
// after its last (see get-incident.ts). A batch changes that page when one
// of its events falls there, even if the event raised no signal.
const BATCH_INCIDENTS_SQL = `
WITH span AS (
  SELECT min(event_time) AS first, max(event_time) AS last FROM events WHERE batch_id = $1::uuid
), actors AS (
  SELECT i.id,
    i.first_seen - $2::double precision * interval '1 millisecond' AS from_time,
    i.last_seen + $2::double precision * interval '1 millisecond' AS to_time,
    array_remove(array_agg(DISTINCT s.principal_key) || array_agg(DISTINCT s.subject_key), NULL) AS principals,
    array_remove(array_agg(DISTINCT s.access_key_id) || array_agg(DISTINCT s.related_key_id), NULL) AS keys
  FROM incidents i JOIN signals s ON s.incident_id = i.id, span
  WHERE i.first_seen - $2::double precision * interval '1 millisecond' <= span.last
    AND i.last_seen + $2::double precision * interval '1 millisecond' >= span.first
  GROUP BY i.id
)
SELECT a.id::text AS id FROM actors a
WHERE EXISTS (
  SELECT 1 FROM events e
  WHERE e.batch_id = $1::uuid AND e.event_time BETWEEN a.from_time AND a.to_time
    AND (e.principal_key = ANY(a.principals) OR e.access_key_id = ANY(a.keys)))
ORDER BY 1`;

/** Returns the ids of incidents whose timeline window contains an event of the batch. */
export async function findBatchIncidents(batchId: string): Promise<string[]> {
  const result = await pgPool().query<{ id: string }>(BATCH_INCIDENTS_SQL, [batchId, TIMELINE_MARGIN_MS]);
  return result.rows.map((row) => row.id);
}
