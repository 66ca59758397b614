import { distinct, type SignalRecord } from "@/lib/incidents/list-incidents";

/** Which events belong to an incident: its actors, the attacker's traits and the time window. */
export interface IncidentScope {
  windowStart: Date;
  windowEnd: Date;
  /** Principals of the attack signals and the principals they acted on. */
  principalKeys: string[];
  accessKeyIds: string[];
  /** Addresses that non-containment signals were raised on. */
  attackerAddresses: string[];
  /** Access keys of the incident created inside the window, so made by the attacker or a responder. */
  createdAccessKeyIds: string[];
}

/** Builds the scope from the incident's signals; `createdAccessKeyIds` is filled by the caller. */
export function buildIncidentScope(input: {
  signals: SignalRecord[];
  windowStart: Date;
  windowEnd: Date;
}): IncidentScope {
  const attack = input.signals.filter((signal) => signal.phase !== "containment");
  const chosen = attack.length > 0 ? attack : input.signals;
  return {
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    principalKeys: distinct(chosen.flatMap((signal) => [signal.principalKey, signal.subjectKey])),
    accessKeyIds: distinct(chosen.flatMap((signal) => [signal.accessKeyId, signal.relatedKeyId])),
    attackerAddresses: distinct(chosen.map((signal) => signal.sourceIp)),
    createdAccessKeyIds: [],
  };
}

/**
 * SQL condition for the scope's events, with parameters numbered from
 * `first`: window, principals or keys. The attacker condition comes separately.
 */
export function scopeCondition(scope: IncidentScope, first: number): { sql: string; params: unknown[] } {
  const p = (offset: number) => `$${first + offset}`;
  return {
    sql:
      `event_time >= ${p(0)} AND event_time <= ${p(1)} ` +
      `AND (principal_key = ANY(${p(2)}::text[]) OR access_key_id = ANY(${p(3)}::text[]))`,
    params: [scope.windowStart, scope.windowEnd, scope.principalKeys, scope.accessKeyIds],
  };
}

/** SQL condition true for an event from an attacker address or signed with a key created in the window. */
export function attackerCondition(scope: IncidentScope, first: number): { sql: string; params: unknown[] } {
  return {
    sql: `(source_ip = ANY($${first}::inet[]) OR access_key_id = ANY($${first + 1}::text[]))`,
    params: [scope.attackerAddresses, scope.createdAccessKeyIds],
  };
}
