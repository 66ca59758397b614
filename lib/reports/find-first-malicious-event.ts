import { db, pgPool } from "@/lib/db/client";
import { TIMELINE_MARGIN_MS } from "@/lib/incidents/get-incident";
import { distinct, type SignalRecord } from "@/lib/incidents/list-incidents";

import type { FirstMaliciousEvent } from "./incident-metrics";

export interface FindFirstMaliciousEventOptions {
  /** The incident's first signal time. */
  firstSeen: Date;
  /** The incident's signals in time order. */
  signals: SignalRecord[];
}

interface AttackerTraits {
  principalKeys: string[];
  accessKeyIds: string[];
  addresses: string[];
}

/**
 * Finds the earliest event of an attack within the incident window, which
 * runs from 15 minutes before the first signal to the first alert. It is the
 * first event of the incident's principals or access keys that came from an
 * address of a non-containment signal, or that was signed with an access key
 * created inside the window. The first signal's own event is the fallback,
 * and for a GuardDuty signal that is the finding's `eventFirstSeen`.
 */
export async function findFirstMaliciousEvent(
  options: FindFirstMaliciousEventOptions,
): Promise<FirstMaliciousEvent | null> {
  const [firstSignal] = options.signals;
  if (!firstSignal) {
    return null;
  }
  const windowStart = new Date(options.firstSeen.getTime() - TIMELINE_MARGIN_MS);
  const traits = attackerTraits(options.signals);
  const [attackerEvent, signalEvent] = await Promise.all([
    findAttackerEvent({ traits, windowStart, windowEnd: firstSignal.eventTime }),
    firstSignalEvent(firstSignal),
  ]);
  if (attackerEvent && Date.parse(attackerEvent.at) <= Date.parse(signalEvent.at)) {
    return attackerEvent;
  }
  return signalEvent;
}

function attackerTraits(signals: SignalRecord[]): AttackerTraits {
  const attack = signals.filter((signal) => signal.phase !== "containment");
  const chosen = attack.length > 0 ? attack : signals;
  return {
    principalKeys: distinct(chosen.flatMap((signal) => [signal.principalKey, signal.subjectKey])),
    accessKeyIds: distinct(chosen.flatMap((signal) => [signal.accessKeyId, signal.relatedKeyId])),
    addresses: distinct(chosen.map((signal) => signal.sourceIp)),
  };
}

async function findAttackerEvent(input: {
  traits: AttackerTraits;
  windowStart: Date;
  windowEnd: Date;
}): Promise<FirstMaliciousEvent | null> {
  const { traits, windowStart, windowEnd } = input;
  const createdKeys = await db().accessKey.findMany({
    where: { accessKeyId: { in: traits.accessKeyIds }, createdAt: { gte: windowStart } },
    select: { accessKeyId: true },
  });
  const result = await pgPool().query<{ source: string; natural_id: string; event_name: string | null; event_time: Date }>(
    `SELECT source, natural_id, event_name, event_time FROM events
      WHERE event_time >= $1 AND event_time <= $2
        AND (principal_key = ANY($3::text[]) OR access_key_id = ANY($4::text[]))
        AND (source_ip = ANY($5::inet[]) OR access_key_id = ANY($6::text[]))
      ORDER BY event_time, id
      LIMIT 1`,
    [
      windowStart,
      windowEnd,
      traits.principalKeys,
      traits.accessKeyIds,
      traits.addresses,
      createdKeys.map((key) => key.accessKeyId),
    ],
  );
  const row = result.rows[0];
  if (!row) {
    return null;
  }
  return {
    at: row.event_time.toISOString(),
    basis: "attacker-activity",
    source: row.source,
    naturalId: row.natural_id,
    eventName: row.event_name,
  };
}

async function firstSignalEvent(signal: SignalRecord): Promise<FirstMaliciousEvent> {
  let at = signal.eventTime;
  let eventName = signal.eventName;
  if (signal.source === "guardduty") {
    // A finding is created some time after the activity it reports, which GuardDuty dates in eventFirstSeen.
    const finding = await db().finding.findUnique({
      where: { id: signal.naturalId },
      select: { type: true, eventFirstSeen: true },
    });
    if (finding?.eventFirstSeen && finding.eventFirstSeen.getTime() < at.getTime()) {
      at = finding.eventFirstSeen;
    }
    eventName = finding?.type ?? eventName;
  }
  return { at: at.toISOString(), basis: "first-signal", source: signal.source, naturalId: signal.naturalId, eventName };
}
