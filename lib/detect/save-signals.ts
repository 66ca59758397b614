import { pgPool } from "@/lib/db/client";
import { toJsonbParameter } from "@/lib/db/sanitize-text";

import type { Phase, Severity } from "./rules/rule-types";

/** A `signals` row before it is saved. */
export interface SignalInput {
  ruleId: string;
  source: "cloudtrail" | "guardduty" | "vpcflow";
  /** CloudTrail eventID, GuardDuty finding id, or the natural id of a VPC flow record. */
  naturalId: string;
  eventTime: Date;
  phase: Phase;
  severity: Severity;
  score: number;
  title: string;
  principalKey: string;
  subjectKey: string | null;
  accessKeyId: string | null;
  relatedKeyId: string | null;
  sourceIp: string | null;
  eventName: string | null;
  techniqueIds: string[];
  details: Record<string, unknown>;
}

/** The part of a saved signal that later steps of a run need. */
export interface SavedSignal {
  id: string;
  principalKey: string;
  eventTime: Date;
  phase: Phase;
  /** False when an existing signal was re-scored. */
  inserted: boolean;
}

// One rule hits one event once: the unique key (rule_id, source, natural_id)
// makes re-running detection or re-ingesting a file add nothing. A hit whose
// score, severity or subject changed (late history turned a verdict) updates
// the signal and detaches it from its incident, so that correlation places
// it again and recomputes that incident. An unchanged hit writes nothing.
const SAVE_SIGNALS = `
INSERT INTO signals (rule_id, source, natural_id, event_time, phase, severity, score, title,
  principal_key, subject_key, access_key_id, related_key_id, source_ip, event_name,
  technique_ids, details)
SELECT rule_id, source, natural_id, event_time, phase, severity, score, title,
  principal_key, subject_key, access_key_id, related_key_id, source_ip, event_name,
  technique_ids, details
FROM jsonb_to_recordset($1::jsonb) AS r(
  rule_id text, source text, natural_id text, event_time timestamptz, phase text,
  severity text, score int, title text, principal_key text, subject_key text,
  access_key_id text, related_key_id text, source_ip inet, event_name text,
  technique_ids text[], details jsonb)
ON CONFLICT (rule_id, source, natural_id) DO UPDATE SET
  score = EXCLUDED.score, severity = EXCLUDED.severity, title = EXCLUDED.title,
  subject_key = EXCLUDED.subject_key, related_key_id = EXCLUDED.related_key_id,
  details = EXCLUDED.details, incident_id = NULL
WHERE (signals.score, signals.severity, signals.subject_key)
  IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.severity, EXCLUDED.subject_key)
RETURNING id::text AS id, principal_key, event_time, phase, (xmax = 0) AS inserted`;

const CHUNK_SIZE = 2_000;

function toRecord(signal: SignalInput): Record<string, unknown> {
  return {
    rule_id: signal.ruleId,
    source: signal.source,
    natural_id: signal.naturalId,
    event_time: signal.eventTime.toISOString(),
    phase: signal.phase,
    severity: signal.severity,
    score: signal.score,
    title: signal.title,
    principal_key: signal.principalKey,
    subject_key: signal.subjectKey,
    access_key_id: signal.accessKeyId,
    related_key_id: signal.relatedKeyId,
    source_ip: signal.sourceIp,
    event_name: signal.eventName,
    technique_ids: signal.techniqueIds,
    details: signal.details,
  };
}

/** Inserts new signals and re-scores changed ones; returns both, and nothing for unchanged hits. */
export async function saveSignals(signals: readonly SignalInput[]): Promise<SavedSignal[]> {
  // ON CONFLICT DO UPDATE fails when one statement touches a row twice.
  const unique = new Map(signals.map((signal) => [`${signal.ruleId}\u0000${signal.source}\u0000${signal.naturalId}`, signal]));
  const rows = [...unique.values()];
  const saved: SavedSignal[] = [];
  for (let start = 0; start < rows.length; start += CHUNK_SIZE) {
    const chunk = rows.slice(start, start + CHUNK_SIZE).map(toRecord);
    const result = await pgPool().query<{
      id: string;
      principal_key: string;
      event_time: Date;
      phase: Phase;
      inserted: boolean;
    }>(SAVE_SIGNALS, [toJsonbParameter(chunk)]);
    for (const row of result.rows) {
      saved.push({
        id: row.id,
        principalKey: row.principal_key,
        eventTime: row.event_time,
        phase: row.phase,
        inserted: row.inserted,
      });
    }
  }
  return saved;
}
