import { pgPool } from "@/lib/db/client";

/** An incident an entity appears in, as the entity pages list it. */
export interface EntityIncident {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  score: number;
  firstSeen: string;
  lastSeen: string;
  thresholdCrossedAt: string | null;
  /** Signals of the incident that name the entity. */
  signalCount: number;
}

/** Entity whose signals are matched: a principal as actor or subject, an access key, or a source address. */
export type IncidentMatch =
  | { kind: "principal"; principalKey: string }
  | { kind: "accessKey"; accessKeyId: string }
  | { kind: "address"; address: string };

function signalCondition(match: IncidentMatch): { condition: string; value: string } {
  switch (match.kind) {
    case "principal":
      return { condition: "(s.principal_key = $1 OR s.subject_key = $1)", value: match.principalKey };
    case "accessKey":
      return { condition: "(s.access_key_id = $1 OR s.related_key_id = $1)", value: match.accessKeyId };
    case "address":
      return { condition: "s.source_ip = $1::inet", value: match.address };
  }
}

/** Lists the incidents with a signal that names the entity, most recently active first. */
export async function loadEntityIncidents(match: IncidentMatch): Promise<EntityIncident[]> {
  const { condition, value } = signalCondition(match);
  const result = await pgPool().query<{
    id: string;
    number: number;
    title: string;
    severity: string;
    status: string;
    score: number;
    first_seen: Date;
    last_seen: Date;
    threshold_crossed_at: Date | null;
    signal_count: number;
  }>(
    `SELECT i.id, i.number, i.title, i.severity, i.status, i.score, i.first_seen, i.last_seen,
       i.threshold_crossed_at, count(*)::int AS signal_count
     FROM signals s JOIN incidents i ON i.id = s.incident_id
     WHERE ${condition}
     GROUP BY i.id ORDER BY i.last_seen DESC, i.number DESC LIMIT 200`,
    [value],
  );
  return result.rows.map((row) => ({
    id: row.id,
    number: row.number,
    title: row.title,
    severity: row.severity,
    status: row.status,
    score: row.score,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
    thresholdCrossedAt: row.threshold_crossed_at?.toISOString() ?? null,
    signalCount: row.signal_count,
  }));
}
