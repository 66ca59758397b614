import { db } from "@/lib/db/client";
import { TIMELINE_MARGIN_MS } from "@/lib/incidents/get-incident";
import { incidentSignalsInclude, summarizeIncidents, type IncidentRecord } from "@/lib/incidents/list-incidents";

import { measureIncident } from "../compute-incident-metrics";
import { buildIncidentScope, type IncidentScope } from "./incident-scope";
import { loadAccessAdvisorEvidence } from "./load-access-advisor-evidence";
import { loadAttackEvents } from "./load-attack-events";
import { loadChecklistEvidence } from "./load-checklist-evidence";
import { loadCloudTrailEvidence } from "./load-cloudtrail-evidence";
import { loadContainmentEvidence } from "./load-containment-evidence";
import { loadFindingEvidence } from "./load-finding-evidence";
import { loadFlowEvidence } from "./load-flow-evidence";
import { loadPrincipalPosture } from "./load-principal-posture";
import { loadTeamActions } from "./load-team-actions";
import type { PostmortemEvidence, SignalEvidence } from "./postmortem-evidence";

/** Loads an incident with its signals, or null when no incident has this id. */
export async function loadIncidentRecord(incidentId: string): Promise<IncidentRecord | null> {
  return db().incident.findUnique({ where: { id: incidentId }, include: incidentSignalsInclude });
}

/**
 * Collects the evidence of a postmortem: the incident and its metrics,
 * aggregates of each log source within the incident window, decisions,
 * containment and the team's audited actions.
 */
export async function gatherPostmortemEvidence(incident: IncidentRecord): Promise<PostmortemEvidence> {
  const scope = await resolveScope(incident);
  const signals = incident.signals.map(toSignalEvidence);
  const [[summary], metrics, commander] = await Promise.all([
    summarizeIncidents([incident]),
    measureIncident(incident),
    incident.commanderId ? db().user.findUnique({ where: { id: incident.commanderId } }) : Promise.resolve(null),
  ]);
  const attackStart = new Date(metrics.firstMalicious?.at ?? incident.firstSeen.toISOString());
  const [cloudtrail, attackEvents, findings, flows, accessAdvisor, checklists, containment, teamActions, posture] =
    await Promise.all([
      loadCloudTrailEvidence(scope),
      loadAttackEvents(scope),
      loadFindingEvidence(scope, incident.signals),
      loadFlowEvidence(scope),
      loadAccessAdvisorEvidence(summary.principal.arn),
      loadChecklistEvidence(incident.id),
      loadContainmentEvidence(incident.id, signals),
      loadTeamActions(incident.id),
      loadPrincipalPosture({ principalKey: incident.principalKey, attackStart, scope }),
    ]);
  return {
    generatedAt: new Date().toISOString(),
    incident: {
      ...summary,
      escalatedAt: incident.escalatedAt?.toISOString() ?? null,
      resolvedAt: incident.resolvedAt?.toISOString() ?? null,
      commander: commander ? (commander.name ?? commander.email) : null,
    },
    metrics,
    window: { start: scope.windowStart.toISOString(), end: scope.windowEnd.toISOString() },
    attackerAddresses: scope.attackerAddresses,
    attackAccessKeyIds: scope.accessKeyIds,
    createdAccessKeyIds: scope.createdAccessKeyIds,
    signals,
    cloudtrail,
    attackEvents,
    findings,
    flows,
    accessAdvisor,
    checklists,
    containment,
    teamActions,
    posture,
  };
}

async function resolveScope(incident: IncidentRecord): Promise<IncidentScope> {
  const scope = buildIncidentScope({
    signals: incident.signals,
    windowStart: new Date(incident.firstSeen.getTime() - TIMELINE_MARGIN_MS),
    windowEnd: new Date(incident.lastSeen.getTime() + TIMELINE_MARGIN_MS),
  });
  const created = await db().accessKey.findMany({
    where: { accessKeyId: { in: scope.accessKeyIds }, createdAt: { gte: scope.windowStart } },
    select: { accessKeyId: true },
  });
  return { ...scope, createdAccessKeyIds: created.map((key) => key.accessKeyId) };
}

function toSignalEvidence(signal: IncidentRecord["signals"][number]): SignalEvidence {
  return {
    at: signal.eventTime.toISOString(),
    phase: signal.phase,
    severity: signal.severity,
    score: signal.score,
    ruleId: signal.ruleId,
    title: signal.title,
    source: signal.source,
    naturalId: signal.naturalId,
    eventName: signal.eventName,
    principalKey: signal.principalKey,
    sourceIp: signal.sourceIp,
    accessKeyId: signal.accessKeyId,
    relatedKeyId: signal.relatedKeyId,
  };
}
