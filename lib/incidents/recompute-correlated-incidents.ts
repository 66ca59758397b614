import type { PoolClient } from "pg";

import type { Phase, Severity } from "@/lib/detect/rules/rule-types";

import { type SummarySignal, summarizeCorrelatedIncident } from "./summarize-correlated-incident";

interface SignalRow {
  incident_id: string;
  event_time: Date;
  phase: Phase;
  score: number;
  severity: Severity;
  access_key_id: string | null;
  account_id: string | null;
}

/** Returns a short name for titles: the principal's name, else the last part of its key. */
function displayName(principalKey: string, names: Map<string, string | null>): string {
  return names.get(principalKey) ?? principalKey.split(/[/:]/).pop() ?? principalKey;
}

async function loadSignalsByIncident(client: PoolClient, incidentIds: readonly string[]) {
  const result = await client.query<SignalRow>(
    `SELECT incident_id, event_time, phase, score, severity, access_key_id, details->>'accountId' AS account_id
     FROM signals WHERE incident_id = ANY($1::uuid[]) ORDER BY incident_id, event_time, id`,
    [incidentIds],
  );
  const byIncident = new Map<string, SummarySignal[]>();
  for (const row of result.rows) {
    const list = byIncident.get(row.incident_id) ?? [];
    list.push({
      eventTime: row.event_time,
      phase: row.phase,
      score: row.score,
      severity: row.severity,
      accessKeyId: row.access_key_id,
      accountId: row.account_id,
    });
    byIncident.set(row.incident_id, list);
  }
  return byIncident;
}

async function loadPrincipalNames(client: PoolClient, incidentIds: readonly string[]) {
  const result = await client.query<{ id: string; principal_key: string; name: string | null }>(
    `SELECT i.id, i.principal_key, p.name FROM incidents i
     LEFT JOIN principals p ON p.key = i.principal_key WHERE i.id = ANY($1::uuid[])`,
    [incidentIds],
  );
  const names = new Map(result.rows.map((row) => [row.principal_key, row.name]));
  return new Map(result.rows.map((row) => [row.id, displayName(row.principal_key, names)]));
}

/**
 * Rewrites the summary of each incident from all of its signals, so that a
 * late signal moves first seen, the threshold crossing and the title as if
 * it had arrived in order. Without a containment signal, the containment
 * time is the completion of the incident's first completed containment plan.
 */
export async function recomputeCorrelatedIncidents(
  client: PoolClient,
  options: { incidentIds: readonly string[]; threshold: number; now: Date },
): Promise<void> {
  if (options.incidentIds.length === 0) {
    return;
  }
  const signals = await loadSignalsByIncident(client, options.incidentIds);
  const names = await loadPrincipalNames(client, options.incidentIds);
  const updates = [...signals].map(([id, list]) => {
    const summary = summarizeCorrelatedIncident({
      signals: list,
      threshold: options.threshold,
      principalName: names.get(id) ?? "unknown principal",
    });
    return { id, ...summary };
  });
  await client.query(
    `UPDATE incidents i SET title = u.title, severity = u.severity, score = u.score,
       account_id = u."accountId", first_seen = u."firstSeen", last_seen = u."lastSeen",
       threshold_crossed_at = u."thresholdCrossedAt",
       contained_at = COALESCE(u."containedAt",
         (SELECT min(p.completed_at) FROM containment_plans p WHERE p.incident_id = i.id)),
       updated_at = $2
     FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, title text, severity text, score int, "accountId" text,
       "firstSeen" timestamptz, "lastSeen" timestamptz, "thresholdCrossedAt" timestamptz, "containedAt" timestamptz)
     WHERE i.id = u.id`,
    [JSON.stringify(updates), options.now],
  );
}
