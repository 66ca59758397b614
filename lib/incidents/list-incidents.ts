import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The JSON shape of an incident as `watchfloor incidents --json` prints it and
 * `GET /api/incidents` returns it. Scripts parse it, so fields may be added
 * but never renamed or removed. Every time is an ISO 8601 string in UTC.
 */
export interface IncidentSummary {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  score: number;
  principal: IncidentPrincipal;
  /** Access keys of the signals and their related keys, in order of first appearance. */
  accessKeyIds: string[];
  /** Source addresses of the signals, in order of first appearance. */
  sourceIps: string[];
  /** Signal sources, sorted by name, for example ["cloudtrail", "guardduty"]. */
  sources: string[];
  firstSeen: string;
  lastSeen: string;
  thresholdCrossedAt: string | null;
  containedAt: string | null;
  phases: IncidentPhase[];
}

/** The principal an incident is about; fields are null when `principals` has no row for the key. */
export interface IncidentPrincipal {
  arn: string | null;
  type: string | null;
  accountId: string | null;
  key: string;
  name: string | null;
}

/** One signal of an incident, in time order. */
export interface IncidentPhase {
  phase: string;
  at: string;
  /** The API call, or the finding type for a GuardDuty signal. */
  eventName: string | null;
  source: string;
  /** The signal's natural id: a CloudTrail eventID or a GuardDuty finding id. */
  eventId: string;
  ruleId: string;
  sourceIp: string | null;
}

export const incidentSignalsInclude = {
  signals: { orderBy: [{ eventTime: "asc" }, { id: "asc" }] },
} satisfies Prisma.IncidentInclude;

/** An incident row with its signals in time order. */
export type IncidentRecord = Prisma.IncidentGetPayload<{ include: typeof incidentSignalsInclude }>;

export type SignalRecord = IncidentRecord["signals"][number];

/**
 * Lists incidents, most recently active first. Incidents whose score never
 * crossed the alert threshold are left out unless `includeBelowThreshold` is set.
 */
export async function listIncidents(
  options: { includeBelowThreshold?: boolean } = {},
): Promise<IncidentSummary[]> {
  const where: Prisma.IncidentWhereInput = options.includeBelowThreshold
    ? {}
    : { thresholdCrossedAt: { not: null } };
  const incidents = await db().incident.findMany({
    where,
    orderBy: [{ lastSeen: "desc" }, { number: "desc" }],
    include: incidentSignalsInclude,
  });
  return summarizeIncidents(incidents);
}

/** Builds the summaries of incident rows, loading their principals and finding types. */
export async function summarizeIncidents(incidents: IncidentRecord[]): Promise<IncidentSummary[]> {
  const signals = incidents.flatMap((incident) => incident.signals);
  const [principals, findingTypes] = await Promise.all([
    loadPrincipals(incidents.map((incident) => incident.principalKey)),
    loadFindingTypes(signals),
  ]);
  return incidents.map((incident) => summarizeIncident(incident, principals, findingTypes));
}

function summarizeIncident(
  incident: IncidentRecord,
  principals: Map<string, IncidentPrincipal>,
  findingTypes: Map<string, string>,
): IncidentSummary {
  const { signals } = incident;
  // Containment is done by a responder: their key and address are not the
  // incident's, but the keys they act on (relatedKeyId) are.
  const attackSignals = signals.filter((signal) => signal.phase !== "containment");
  return {
    id: incident.id,
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    score: incident.score,
    principal: principals.get(incident.principalKey) ?? unknownPrincipal(incident.principalKey),
    accessKeyIds: distinct([
      ...attackSignals.flatMap((signal) => [signal.accessKeyId, signal.relatedKeyId]),
      ...signals.filter((signal) => signal.phase === "containment").map((signal) => signal.relatedKeyId),
    ]),
    sourceIps: distinct(attackSignals.map((signal) => signal.sourceIp)),
    sources: distinct(signals.map((signal) => signal.source)).sort(),
    firstSeen: incident.firstSeen.toISOString(),
    lastSeen: incident.lastSeen.toISOString(),
    thresholdCrossedAt: incident.thresholdCrossedAt?.toISOString() ?? null,
    containedAt: incident.containedAt?.toISOString() ?? null,
    phases: signals.map((signal) => ({
      phase: signal.phase,
      at: signal.eventTime.toISOString(),
      eventName: signalEventName(signal, findingTypes),
      source: signal.source,
      eventId: signal.naturalId,
      ruleId: signal.ruleId,
      sourceIp: signal.sourceIp,
    })),
  };
}

/** Loads principals by key; keys without a row are absent from the map. */
export async function loadPrincipals(keys: string[]): Promise<Map<string, IncidentPrincipal>> {
  const rows = await db().principal.findMany({ where: { key: { in: distinct(keys) } } });
  return new Map(
    rows.map((row) => [
      row.key,
      { arn: row.arn, type: row.type, accountId: row.accountId, key: row.key, name: row.name },
    ]),
  );
}

export function unknownPrincipal(key: string): IncidentPrincipal {
  return { arn: null, type: null, accountId: null, key, name: null };
}

/** Loads the finding type of each GuardDuty signal, keyed by finding id. */
export async function loadFindingTypes(signals: SignalRecord[]): Promise<Map<string, string>> {
  const ids = distinct(
    signals.filter((signal) => signal.source === "guardduty").map((signal) => signal.naturalId),
  );
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db().finding.findMany({
    where: { id: { in: ids } },
    select: { id: true, type: true },
  });
  return new Map(rows.map((row) => [row.id, row.type]));
}

/** A GuardDuty signal is named by its finding type, falling back to the signal's own name. */
export function signalEventName(signal: SignalRecord, findingTypes: Map<string, string>): string | null {
  if (signal.source === "guardduty") {
    return findingTypes.get(signal.naturalId) ?? signal.eventName;
  }
  return signal.eventName;
}

/** Non-null values in order of first appearance. */
export function distinct(values: Array<string | null>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    if (value !== null) {
      seen.add(value);
    }
  }
  return [...seen];
}
