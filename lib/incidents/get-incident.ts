import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  type IncidentLifecycle,
  loadIncidentLifecycle,
  type TimelineAction,
} from "@/lib/response/lifecycle/load-incident-lifecycle";

import {
  distinct,
  incidentSignalsInclude,
  loadFindingTypes,
  loadPrincipals,
  signalEventName,
  summarizeIncidents,
  unknownPrincipal,
  type IncidentPrincipal,
  type IncidentSummary,
  type SignalRecord,
} from "./list-incidents";

/** Events read before and after an incident's signals, for context. */
export const TIMELINE_MARGIN_MS = 15 * 60 * 1000;

/** Default maximum number of timeline entries. */
export const TIMELINE_LIMIT = 2000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A rule that matched a timeline entry. */
export interface TimelineSignal {
  ruleId: string;
  phase: string;
  title: string;
  severity: string;
  score: number;
}

/**
 * One row of an incident timeline: an event of the incident's principals or
 * access keys, or a signal that has no `events` row (a GuardDuty finding).
 * `phase`, `ruleId`, `ruleTitle` and `score` come from the highest-scoring
 * signal on the entry and are null for context events.
 */
export interface TimelineEntry {
  eventTime: string;
  /** When the event was stored; null for an entry built from a signal alone. */
  ingestedAt: string | null;
  source: string;
  naturalId: string;
  eventName: string | null;
  /** Key of the acting principal, as `principals.key`; null for an event without one. */
  principalKey: string | null;
  principalArn: string | null;
  principalName: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  sourceService: string | null;
  userAgent: string | null;
  errorCode: string | null;
  phase: string | null;
  ruleId: string | null;
  ruleTitle: string | null;
  score: number | null;
  signals: TimelineSignal[];
  /** True on the signal whose score took the incident over the alert threshold. */
  thresholdCrossed: boolean;
  /** False for an entry built from a signal whose event or finding is not stored. */
  rawAvailable: boolean;
}

export interface IncidentTimeline {
  windowStart: string;
  windowEnd: string;
  limit: number;
  /** Events of the principals and access keys within the window, before the limit applies. */
  eventCount: number;
  /** True when context events were left out to stay within `limit`; signal entries are always kept. */
  truncated: boolean;
  entries: TimelineEntry[];
  /** Responders' actions from the audit log (status changes, escalation, answers), oldest first. */
  actions: TimelineAction[];
}

export interface IncidentDetail extends IncidentSummary {
  timeline: IncidentTimeline;
  lifecycle: IncidentLifecycle;
}

const timelineEventSelect = {
  id: true,
  source: true,
  naturalId: true,
  eventTime: true,
  ingestedAt: true,
  eventName: true,
  principalKey: true,
  principalArn: true,
  principalName: true,
  accessKeyId: true,
  sourceIp: true,
  sourceService: true,
  userAgent: true,
  errorCode: true,
} satisfies Prisma.EventSelect;

type TimelineEventRow = Prisma.EventGetPayload<{ select: typeof timelineEventSelect }>;

/**
 * Returns an incident's summary and its timeline: every event of its signals'
 * principals and access keys from 15 minutes before its first signal to 15
 * minutes after its last, merged with the signals. Returns null when no
 * incident has this id.
 */
export async function getIncident(
  id: string,
  options: { timelineLimit?: number } = {},
): Promise<IncidentDetail | null> {
  if (!GUID.test(id)) {
    return null;
  }
  const incident = await db().incident.findUnique({ where: { id }, include: incidentSignalsInclude });
  if (!incident) {
    return null;
  }
  const [summary] = await summarizeIncidents([incident]);
  const [timeline, lifecycle] = await Promise.all([
    buildTimeline({
      signals: incident.signals,
      firstSeen: incident.firstSeen,
      lastSeen: incident.lastSeen,
      thresholdCrossedAt: incident.thresholdCrossedAt,
      limit: options.timelineLimit ?? TIMELINE_LIMIT,
    }),
    loadIncidentLifecycle(id),
  ]);
  if (!lifecycle) {
    return null;
  }
  return { ...summary, timeline: { ...timeline, actions: lifecycle.actions }, lifecycle: lifecycle.lifecycle };
}

async function buildTimeline(input: {
  signals: SignalRecord[];
  firstSeen: Date;
  lastSeen: Date;
  thresholdCrossedAt: Date | null;
  limit: number;
}): Promise<Omit<IncidentTimeline, "actions">> {
  const { signals, limit } = input;
  const windowStart = new Date(input.firstSeen.getTime() - TIMELINE_MARGIN_MS);
  const windowEnd = new Date(input.lastSeen.getTime() + TIMELINE_MARGIN_MS);
  const contextWhere = contextEventsWhere(signals, windowStart, windowEnd);

  const [signalEvents, eventCount, principals, findingTypes] = await Promise.all([
    loadSignalEvents(signals),
    contextWhere ? db().event.count({ where: contextWhere }) : Promise.resolve(0),
    loadPrincipals(signals.map((signal) => signal.principalKey)),
    loadFindingTypes(signals),
  ]);
  const signalsByEvent = groupByEvent(signals);
  const budget = Math.max(0, limit - signalsByEvent.size);
  const context = contextWhere
    ? await loadContextEvents(contextWhere, signalsByEvent, budget)
    : { rows: [], truncated: false };

  const thresholdKey = thresholdSignalKey(signals, input.thresholdCrossedAt);
  const entries = [...signalEvents, ...context.rows].map((row) =>
    eventEntry(row, signalsByEvent.get(eventKey(row)) ?? [], thresholdKey),
  );
  const stored = new Set(signalEvents.map(eventKey));
  for (const [key, group] of signalsByEvent) {
    if (!stored.has(key)) {
      entries.push(signalEntry(group, principals, findingTypes, thresholdKey));
    }
  }
  entries.sort(compareEntries);
  return {
    windowStart: windowStart.toISOString(),
    windowEnd: windowEnd.toISOString(),
    limit,
    eventCount,
    truncated: context.truncated,
    entries,
  };
}

function contextEventsWhere(
  signals: SignalRecord[],
  windowStart: Date,
  windowEnd: Date,
): Prisma.EventWhereInput | null {
  const principalKeys = distinct(signals.flatMap((signal) => [signal.principalKey, signal.subjectKey]));
  const accessKeyIds = distinct(signals.flatMap((signal) => [signal.accessKeyId, signal.relatedKeyId]));
  const actors: Prisma.EventWhereInput[] = [];
  if (principalKeys.length > 0) {
    actors.push({ principalKey: { in: principalKeys } });
  }
  if (accessKeyIds.length > 0) {
    actors.push({ accessKeyId: { in: accessKeyIds } });
  }
  if (actors.length === 0) {
    return null;
  }
  return { eventTime: { gte: windowStart, lte: windowEnd }, OR: actors };
}

/** Loads the events the signals were raised on, wherever they fall in time. */
async function loadSignalEvents(signals: SignalRecord[]): Promise<TimelineEventRow[]> {
  if (signals.length === 0) {
    return [];
  }
  return db().event.findMany({
    where: { OR: signals.map((signal) => ({ source: signal.source, naturalId: signal.naturalId })) },
    select: timelineEventSelect,
  });
}

/**
 * Loads up to `budget` events that carry no signal, earliest first. One
 * extra row per signal event is read because those are skipped here, having
 * been loaded on their own.
 */
async function loadContextEvents(
  where: Prisma.EventWhereInput,
  signalsByEvent: Map<string, SignalRecord[]>,
  budget: number,
): Promise<{ rows: TimelineEventRow[]; truncated: boolean }> {
  const rows = await db().event.findMany({
    where,
    select: timelineEventSelect,
    orderBy: [{ eventTime: "asc" }, { id: "asc" }],
    take: budget + signalsByEvent.size + 1,
  });
  const context = rows.filter((row) => !signalsByEvent.has(eventKey(row)));
  return { rows: context.slice(0, budget), truncated: context.length > budget };
}

function eventKey(item: { source: string; naturalId: string }): string {
  return `${item.source}\u0000${item.naturalId}`;
}

/** Groups signals by the event they were raised on, highest score first within a group. */
function groupByEvent(signals: SignalRecord[]): Map<string, SignalRecord[]> {
  const groups = new Map<string, SignalRecord[]>();
  for (const signal of signals) {
    const key = eventKey(signal);
    groups.set(key, [...(groups.get(key) ?? []), signal]);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => b.score - a.score);
  }
  return groups;
}

/**
 * The event of the last signal at or before the threshold time: the one whose
 * score took the incident over. Signals are already in time order.
 */
function thresholdSignalKey(signals: SignalRecord[], crossedAt: Date | null): string | null {
  if (!crossedAt) {
    return null;
  }
  const crossing = signals.filter((signal) => signal.eventTime.getTime() <= crossedAt.getTime()).at(-1);
  return crossing ? eventKey(crossing) : null;
}

function eventEntry(
  row: TimelineEventRow,
  group: SignalRecord[],
  thresholdKey: string | null,
): TimelineEntry {
  return {
    eventTime: row.eventTime.toISOString(),
    ingestedAt: row.ingestedAt.toISOString(),
    source: row.source,
    naturalId: row.naturalId,
    eventName: row.eventName,
    principalKey: row.principalKey,
    principalArn: row.principalArn,
    principalName: row.principalName,
    accessKeyId: row.accessKeyId,
    sourceIp: row.sourceIp,
    sourceService: row.sourceService,
    userAgent: row.userAgent,
    errorCode: row.errorCode,
    ...signalFields(group),
    thresholdCrossed: thresholdKey === eventKey(row),
    rawAvailable: true,
  };
}

function signalEntry(
  group: SignalRecord[],
  principals: Map<string, IncidentPrincipal>,
  findingTypes: Map<string, string>,
  thresholdKey: string | null,
): TimelineEntry {
  const [signal] = group;
  const principal = principals.get(signal.principalKey) ?? unknownPrincipal(signal.principalKey);
  return {
    eventTime: signal.eventTime.toISOString(),
    ingestedAt: null,
    source: signal.source,
    naturalId: signal.naturalId,
    eventName: signalEventName(signal, findingTypes),
    principalKey: signal.principalKey,
    principalArn: principal.arn,
    principalName: principal.name,
    accessKeyId: signal.accessKeyId,
    sourceIp: signal.sourceIp,
    sourceService: null,
    userAgent: null,
    errorCode: null,
    ...signalFields(group),
    thresholdCrossed: thresholdKey === eventKey(signal),
    // The raw view of a GuardDuty signal is its stored finding version; a
    // VPC flow signal names the largest flow record of its transfer.
    rawAvailable: (signal.source === "guardduty" && findingTypes.has(signal.naturalId)) || signal.source === "vpcflow",
  };
}

function signalFields(
  group: SignalRecord[],
): Pick<TimelineEntry, "phase" | "ruleId" | "ruleTitle" | "score" | "signals"> {
  const [top] = group;
  return {
    phase: top?.phase ?? null,
    ruleId: top?.ruleId ?? null,
    ruleTitle: top?.title ?? null,
    score: top?.score ?? null,
    signals: group.map((signal) => ({
      ruleId: signal.ruleId,
      phase: signal.phase,
      title: signal.title,
      severity: signal.severity,
      score: signal.score,
    })),
  };
}

function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  if (a.eventTime !== b.eventTime) {
    return a.eventTime < b.eventTime ? -1 : 1;
  }
  // Entries are unique per event, so their keys never tie.
  return eventKey(a) < eventKey(b) ? -1 : 1;
}
