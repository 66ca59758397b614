import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";
import { type DetectionSettings, readDetectionSettings } from "@/lib/detect/read-detection-settings";
import type { Signal } from "@/lib/generated/prisma/client";
import { decodeRaw } from "@/lib/ingest/raw-codec";
import { isObject, type JsonObject } from "@/lib/sources/common/json-fields";

/** A CloudTrail event of the incident's activity, with its record decoded. */
export interface ActivityEvent {
  source: string;
  naturalId: string;
  eventTime: Date;
  eventName: string | null;
  accessKeyId: string | null;
  sourceIp: string | null;
  sourceService: string | null;
  userAgent: string | null;
  errorCode: string | null;
  record: JsonObject;
}

export interface ChecklistPrincipal {
  key: string;
  arn: string | null;
  name: string;
  type: string | null;
  firstSeen: Date | null;
}

/** Data about one incident that every checklist reads. */
export interface ChecklistContext {
  now: Date;
  settings: DetectionSettings;
  incident: {
    id: string;
    number: number;
    accountId: string | null;
    firstSeen: Date;
    lastSeen: Date;
    containedAt: Date | null;
  };
  principal: ChecklistPrincipal;
  /** Signals of the incident that describe the attack, in time order. */
  attackSignals: Signal[];
  /** Responders' signals (keys disabled, policies removed), in time order. */
  containmentSignals: Signal[];
  /** The principal's CloudTrail calls with the incident's keys or addresses, from 15 minutes before its first signal to its last. */
  activity: ActivityEvent[];
  activityStart: Date;
  activityEnd: Date;
  /** Access keys the attack signals used or created. */
  incidentKeys: string[];
}

const ACTIVITY_MARGIN_MS = 15 * 60 * 1000;
const MAX_ACTIVITY_EVENTS = 500;

/** Loads the incident, its principal, signals and activity; throws not_found for an unknown id. */
export async function loadChecklistContext(options: { incidentId: string; now?: Date }): Promise<ChecklistContext> {
  const incident = await db().incident.findUnique({
    where: { id: options.incidentId },
    include: { signals: { orderBy: [{ eventTime: "asc" }, { id: "asc" }] } },
  });
  if (!incident) {
    throw new ApiError("not_found", `Incident ${options.incidentId} was not found.`);
  }
  const principalRow = await db().principal.findUnique({ where: { key: incident.principalKey } });
  const attackSignals = incident.signals.filter((signal) => signal.phase !== "containment");
  const containmentSignals = incident.signals.filter((signal) => signal.phase === "containment");
  const anchor = attackSignals.length > 0 ? attackSignals : incident.signals;
  const activityStart = new Date((anchor[0]?.eventTime ?? incident.firstSeen).getTime() - ACTIVITY_MARGIN_MS);
  const activityEnd = anchor.at(-1)?.eventTime ?? incident.lastSeen;
  const incidentKeys = distinct(anchor.flatMap((signal) => [signal.accessKeyId, signal.relatedKeyId]));
  const addresses = distinct(anchor.map((signal) => signal.sourceIp));
  const activity = await loadActivity({ principalKey: incident.principalKey, activityStart, activityEnd, incidentKeys, addresses });
  return {
    now: options.now ?? new Date(),
    settings: readDetectionSettings(),
    incident: {
      id: incident.id,
      number: incident.number,
      accountId: incident.accountId,
      firstSeen: incident.firstSeen,
      lastSeen: incident.lastSeen,
      containedAt: incident.containedAt,
    },
    principal: {
      key: incident.principalKey,
      arn: principalRow?.arn ?? null,
      name: principalRow?.name ?? incident.principalKey,
      type: principalRow?.type ?? null,
      firstSeen: principalRow?.firstSeen ?? null,
    },
    attackSignals,
    containmentSignals,
    activity,
    activityStart,
    activityEnd,
    incidentKeys,
  };
}

async function loadActivity(input: {
  principalKey: string;
  activityStart: Date;
  activityEnd: Date;
  incidentKeys: string[];
  addresses: string[];
}): Promise<ActivityEvent[]> {
  if (input.incidentKeys.length === 0 && input.addresses.length === 0) {
    return [];
  }
  const rows = await db().event.findMany({
    where: {
      source: "cloudtrail",
      principalKey: input.principalKey,
      eventTime: { gte: input.activityStart, lte: input.activityEnd },
      OR: [{ accessKeyId: { in: input.incidentKeys } }, ...input.addresses.map((address) => ({ sourceIp: address }))],
    },
    orderBy: [{ eventTime: "asc" }, { id: "asc" }],
    take: MAX_ACTIVITY_EVENTS,
  });
  return rows.map((row) => ({
    source: row.source,
    naturalId: row.naturalId,
    eventTime: row.eventTime,
    eventName: row.eventName,
    accessKeyId: row.accessKeyId,
    sourceIp: row.sourceIp,
    sourceService: row.sourceService,
    userAgent: row.userAgent,
    errorCode: row.errorCode,
    record: decodeRecord(row.rawCodec, row.raw),
  }));
}

/** Decodes a stored record; a record that is not a JSON object reads as empty. */
export function decodeRecord(codec: number, raw: Uint8Array): JsonObject {
  try {
    const value: unknown = JSON.parse(decodeRaw(codec, raw).toString("utf8"));
    return isObject(value) ? value : {};
  } catch {
    return {};
  }
}

export function distinct(values: ReadonlyArray<string | null>): string[] {
  return [...new Set(values.filter((value): value is string => value !== null && value !== ""))];
}
