import { randomUUID } from "node:crypto";

import type { PoolClient } from "pg";

import { inTransaction } from "@/lib/db/client";
import { CLOSED_INCIDENT_STATUSES } from "@/lib/detect/detection-lookups";
import { readDetectionSettings, readNumberSetting } from "@/lib/detect/read-detection-settings";
import type { Phase } from "@/lib/detect/rules/rule-types";
import { logger } from "@/lib/log";

import { loadCorrelationLineage } from "./load-correlation-lineage";
import {
  type CorrelationIncident,
  type CorrelationSignal,
  matchCorrelatedIncident,
} from "./match-correlated-incident";
import { recomputeCorrelatedIncidents } from "./recompute-correlated-incidents";

export interface CorrelateSignalsOptions {
  /** Time written as created_at and updated_at of the incidents changed. */
  now?: Date;
}

export interface CorrelateSignalsResult {
  incidentsCreated: number;
  incidentsUpdated: number;
  /** Ids of the incidents created or updated, sorted. */
  incidentIds: string[];
}

// Serialises concurrent runs (two ingests finishing together), which would
// otherwise both open an incident for the same principal.
const LOCK_KEY = "watchfloor.correlate-signals";

/**
 * SQL for a signal's source address when its principal had not used that
 * address before the novelty window ($1, in milliseconds), else NULL.
 * Containment signals carry none: responders act from their own places.
 */
const UNFAMILIAR_ADDRESS_SQL = `CASE WHEN s.source_ip IS NOT NULL AND s.phase <> 'containment' AND NOT EXISTS (
    SELECT 1 FROM baseline_entries b
    WHERE b.principal_key = s.principal_key AND b.dimension = 'ip' AND b.value = host(s.source_ip)
      AND b.first_seen <= s.event_time - make_interval(secs => $1::double precision / 1000))
  THEN host(s.source_ip) END`;

async function loadUnassignedSignals(client: PoolClient, noveltyWindowMs: number): Promise<CorrelationSignal[]> {
  const result = await client.query<{
    id: string;
    event_time: Date;
    phase: Phase;
    principal_key: string;
    subject_key: string | null;
    access_key_id: string | null;
    related_key_id: string | null;
    unfamiliar_address: string | null;
  }>(
    `SELECT s.id::text AS id, s.event_time, s.phase, s.principal_key, s.subject_key, s.access_key_id, s.related_key_id,
       ${UNFAMILIAR_ADDRESS_SQL} AS unfamiliar_address
     FROM signals s WHERE s.incident_id IS NULL ORDER BY s.event_time, s.id`,
    [noveltyWindowMs],
  );
  return result.rows.map((row) => ({
    id: row.id,
    eventTime: row.event_time,
    phase: row.phase,
    principalKey: row.principal_key,
    subjectKey: row.subject_key,
    accessKeyId: row.access_key_id,
    relatedKeyId: row.related_key_id,
    unfamiliarAddress: row.unfamiliar_address,
  }));
}

/** Incidents a signal could join: near the signals in time, or open for a contained principal. */
async function loadNearbyIncidents(
  client: PoolClient,
  signals: readonly CorrelationSignal[],
  windowMs: number,
  noveltyWindowMs: number,
): Promise<CorrelationIncident[]> {
  const times = signals.map((signal) => signal.eventTime.getTime());
  const subjects = [...new Set(signals.flatMap((signal) => (signal.subjectKey === null ? [] : [signal.subjectKey])))];
  const result = await client.query<{ id: string; principal_key: string; first_seen: Date; last_seen: Date; closed: boolean }>(
    `SELECT id, principal_key, first_seen, last_seen, status = ANY($4::text[]) AS closed FROM incidents
     WHERE (last_seen >= $1 AND first_seen <= $2)
        OR (principal_key = ANY($3::text[]) AND NOT (status = ANY($4::text[])))`,
    [new Date(Math.min(...times) - windowMs), new Date(Math.max(...times) + windowMs), subjects, CLOSED_INCIDENT_STATUSES],
  );
  const incidents = result.rows.map((row) => ({
    id: row.id,
    principalKey: row.principal_key,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    closed: row.closed,
    keys: new Set<string>(),
    addresses: new Set<string>(),
    isNew: false,
  }));
  const signalKeys = await client.query<{ incident_id: string; access_key_id: string | null; related_key_id: string | null }>(
    `SELECT incident_id, access_key_id, related_key_id FROM signals
     WHERE incident_id = ANY($1::uuid[]) AND phase <> 'containment'`,
    [incidents.map((incident) => incident.id)],
  );
  const byId = new Map(incidents.map((incident) => [incident.id, incident]));
  for (const row of signalKeys.rows) {
    addKeys(byId.get(row.incident_id), [row.access_key_id, row.related_key_id]);
  }
  const signalAddresses = await client.query<{ incident_id: string; address: string }>(
    `SELECT DISTINCT s.incident_id, ${UNFAMILIAR_ADDRESS_SQL} AS address FROM signals s
     WHERE s.incident_id = ANY($2::uuid[]) AND s.source_ip IS NOT NULL`,
    [noveltyWindowMs, incidents.map((incident) => incident.id)],
  );
  for (const row of signalAddresses.rows) {
    if (row.address !== null) {
      byId.get(row.incident_id)?.addresses.add(row.address);
    }
  }
  await addLineage(client, incidents);
  return incidents;
}

function addKeys(incident: CorrelationIncident | undefined, keys: ReadonlyArray<string | null>): void {
  for (const key of keys) {
    if (incident !== undefined && key !== null) {
      incident.keys.add(key);
    }
  }
}

async function addLineage(client: PoolClient, incidents: readonly CorrelationIncident[]): Promise<void> {
  const lineage = await loadCorrelationLineage(client, [...new Set(incidents.map((incident) => incident.principalKey))]);
  for (const incident of incidents) {
    addKeys(incident, [...(lineage.get(incident.principalKey) ?? [])]);
  }
}

interface Assignment {
  created: CorrelationIncident[];
  /** Signal id to incident id. */
  incidentOf: Map<string, string>;
  touched: Set<string>;
}

/**
 * Walks the signals in event-time order, so that an incident's span grows as
 * its signals join and a late signal lands in the incident it belongs to.
 * Containment signals never open an incident. Without an attack to respond
 * to, they stay unassigned and are tried again on the next run.
 */
async function assignSignals(
  client: PoolClient,
  signals: readonly CorrelationSignal[],
  incidents: CorrelationIncident[],
  windowMs: number,
): Promise<Assignment> {
  const assignment: Assignment = { created: [], incidentOf: new Map(), touched: new Set() };
  for (const signal of signals) {
    let incident = matchCorrelatedIncident(signal, incidents, windowMs);
    if (incident === null && signal.phase === "containment") {
      continue;
    }
    if (incident === null) {
      incident = {
        id: randomUUID(),
        principalKey: signal.principalKey,
        firstSeen: signal.eventTime,
        lastSeen: signal.eventTime,
        closed: false,
        keys: new Set(),
        addresses: new Set(),
        isNew: true,
      };
      await addLineage(client, [incident]);
      incidents.push(incident);
      assignment.created.push(incident);
    }
    if (signal.eventTime < incident.firstSeen) {
      incident.firstSeen = signal.eventTime;
    }
    if (signal.eventTime > incident.lastSeen) {
      incident.lastSeen = signal.eventTime;
    }
    if (signal.phase !== "containment") {
      addKeys(incident, [signal.accessKeyId, signal.relatedKeyId]);
    }
    if (signal.unfamiliarAddress !== null) {
      incident.addresses.add(signal.unfamiliarAddress);
    }
    assignment.incidentOf.set(signal.id, incident.id);
    assignment.touched.add(incident.id);
  }
  return assignment;
}

async function saveAssignment(client: PoolClient, assignment: Assignment, now: Date): Promise<void> {
  // Placeholder summary values; recomputeCorrelatedIncidents writes the real ones.
  const created = assignment.created.map((incident) => ({
    id: incident.id,
    principal_key: incident.principalKey,
    first_seen: incident.firstSeen.toISOString(),
    last_seen: incident.lastSeen.toISOString(),
  }));
  await client.query(
    `INSERT INTO incidents (id, title, severity, score, principal_key, first_seen, last_seen, created_at, updated_at)
     SELECT id, '', 'low', 0, principal_key, first_seen, last_seen, $2, $2
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, principal_key text, first_seen timestamptz, last_seen timestamptz)`,
    [JSON.stringify(created), now],
  );
  const links = [...assignment.incidentOf].map(([id, incidentId]) => ({ id, incident_id: incidentId }));
  await client.query(
    `UPDATE signals SET incident_id = m.incident_id
     FROM jsonb_to_recordset($1::jsonb) AS m(id bigint, incident_id uuid)
     WHERE signals.id = m.id AND signals.incident_id IS NULL`,
    [JSON.stringify(links)],
  );
}

/**
 * Groups unassigned signals into incidents by principal, access-key lineage
 * and unfamiliar source address within a time window (WATCHFLOOR_CORRELATION_WINDOW_HOURS, 24 by
 * default), then recomputes score, severity, span, title, threshold crossing
 * (WATCHFLOOR_INCIDENT_THRESHOLD, 60 by default) and containment time of
 * every incident that changed. Runs in one transaction.
 */
export async function correlateSignals(options: CorrelateSignalsOptions = {}): Promise<CorrelateSignalsResult> {
  const now = options.now ?? new Date();
  const settings = readDetectionSettings();
  const windowMs = settings.correlationWindowMs;
  const threshold = readNumberSetting("WATCHFLOOR_INCIDENT_THRESHOLD", 60, "score points");
  const assignment = await inTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [LOCK_KEY]);
    const signals = await loadUnassignedSignals(client, settings.noveltyWindowMs);
    if (signals.length === 0) {
      return null;
    }
    const incidents = await loadNearbyIncidents(client, signals, windowMs, settings.noveltyWindowMs);
    const assigned = await assignSignals(client, signals, incidents, windowMs);
    await saveAssignment(client, assigned, now);
    await recomputeCorrelatedIncidents(client, { incidentIds: [...assigned.touched], threshold, now });
    return assigned;
  });
  if (assignment === null) {
    return { incidentsCreated: 0, incidentsUpdated: 0, incidentIds: [] };
  }
  const result = {
    incidentsCreated: assignment.created.length,
    incidentsUpdated: assignment.touched.size - assignment.created.length,
    incidentIds: [...assignment.touched].sort(),
  };
  logger.info(
    { component: "correlate", signals: assignment.incidentOf.size, created: result.incidentsCreated, updated: result.incidentsUpdated },
    "correlation finished",
  );
  return result;
}
