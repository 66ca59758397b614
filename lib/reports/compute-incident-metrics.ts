import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { incidentSignalsInclude, type IncidentRecord } from "@/lib/incidents/list-incidents";

import { findFirstMaliciousEvent } from "./find-first-malicious-event";
import { measureResponseTimes, type IncidentMetrics } from "./incident-metrics";

export interface ComputeIncidentMetricsOptions {
  /** Incidents to measure; when omitted, every incident that crossed the alert threshold. */
  incidentIds?: string[];
  /** Also measure incidents whose score stayed below the threshold. */
  includeBelowThreshold?: boolean;
}

/** Incidents measured at once; each needs up to three queries. */
const CONCURRENCY = 8;

/**
 * Measures each incident's response: time to detect (first malicious event
 * to first alert), and from the first alert the time to escalate, contain and
 * resolve. A time the incident has not reached is null with the reason.
 */
export async function computeIncidentMetrics(
  options: ComputeIncidentMetricsOptions = {},
): Promise<IncidentMetrics[]> {
  const where: Prisma.IncidentWhereInput = {};
  if (options.incidentIds) {
    where.id = { in: options.incidentIds };
  }
  if (!options.includeBelowThreshold && !options.incidentIds) {
    where.thresholdCrossedAt = { not: null };
  }
  const incidents = await db().incident.findMany({
    where,
    orderBy: [{ firstSeen: "asc" }, { number: "asc" }],
    include: incidentSignalsInclude,
  });
  const results: IncidentMetrics[] = [];
  for (let start = 0; start < incidents.length; start += CONCURRENCY) {
    const chunk = incidents.slice(start, start + CONCURRENCY);
    results.push(...(await Promise.all(chunk.map(measureIncident))));
  }
  return results;
}

/** Measures one incident row that was loaded with its signals in time order. */
export async function measureIncident(incident: IncidentRecord): Promise<IncidentMetrics> {
  const firstSignal = incident.signals[0] ?? null;
  const firstMalicious = await findFirstMaliciousEvent({ firstSeen: incident.firstSeen, signals: incident.signals });
  const times = measureResponseTimes({
    firstMaliciousAt: firstMalicious ? new Date(firstMalicious.at) : null,
    firstAlertAt: firstSignal?.eventTime ?? null,
    escalatedAt: incident.escalatedAt,
    containedAt: incident.containedAt,
    resolvedAt: incident.resolvedAt,
  });
  return {
    incidentId: incident.id,
    number: incident.number,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    firstMalicious,
    firstAlertAt: firstSignal?.eventTime.toISOString() ?? null,
    escalatedAt: incident.escalatedAt?.toISOString() ?? null,
    containedAt: incident.containedAt?.toISOString() ?? null,
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    ...times,
  };
}
