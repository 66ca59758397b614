import { isIP } from "node:net";

import type { EventRow } from "@/lib/ingest/event-row";

import {
  apiValue,
  type BaselineDimension,
  isServicePrincipal,
  toBaselineValue,
} from "./baseline-values";
import { lookupCountry } from "./lookup-geo";

export interface PrincipalAggregate {
  key: string;
  type: string;
  arn: string | null;
  account_id: string | null;
  name: string | null;
  first_seen: Date;
  last_seen: Date;
  event_count: number;
}

export interface BaselineAggregate {
  principal_key: string;
  dimension: BaselineDimension;
  value: string;
  first_seen: Date;
  last_seen: Date;
  count: number;
}

export interface AccessKeyAggregate {
  access_key_id: string;
  principal_key: string | null;
  first_seen: Date;
  last_seen: Date;
}

/** Per-principal, per-value and per-key totals of a set of event rows. */
export interface BaselineAggregates {
  principals: PrincipalAggregate[];
  entries: BaselineAggregate[];
  accessKeys: AccessKeyAggregate[];
}

interface Span {
  first_seen: Date;
  last_seen: Date;
}

function widen(span: Span, time: Date): void {
  if (time < span.first_seen) {
    span.first_seen = time;
  }
  if (time > span.last_seen) {
    span.last_seen = time;
  }
}

/**
 * Returns the principal an access key belongs to, judged from one call signed
 * with it. A temporary key (ASIA) belongs to the session principal that used
 * it. A long-term key (AKIA) belongs to the IAM user or root that signs with it.
 */
function keyOwner(row: EventRow): string | null {
  const keyId = row.accessKeyId ?? "";
  if (keyId.startsWith("ASIA")) {
    return row.principalKey;
  }
  const longTermOwner = row.principalType === "IAMUser" || row.principalType === "Root";
  return keyId.startsWith("AKIA") && longTermOwner ? row.principalKey : null;
}

/**
 * Dimension values of a row. Where the caller was (address, country, user
 * agent) is taken only from calls with a real source address: a service
 * acting for the caller writes its own name there and in the user agent.
 */
function dimensionValues(row: EventRow): Array<[BaselineDimension, string]> {
  const values: Array<[BaselineDimension, string]> = [];
  const placeEvidence = row.sourceIp !== null && isIP(row.sourceIp) !== 0 && !isServicePrincipal(row);
  if (placeEvidence && row.sourceIp !== null) {
    // The network is derived from the address in SQL (see update-baselines.ts).
    values.push(["ip", row.sourceIp], ["network", row.sourceIp]);
    const country = lookupCountry(row.sourceIp);
    if (country !== null) {
      values.push(["country", country]);
    }
    if (row.userAgent !== null) {
      values.push(["userAgent", toBaselineValue(row.userAgent)]);
    }
  }
  if (row.region !== null) {
    values.push(["region", row.region]);
  }
  if (row.eventSource !== null) {
    values.push(["service", row.eventSource]);
    if (row.eventName !== null) {
      values.push(["api", toBaselineValue(apiValue(row.eventSource, row.eventName))]);
    }
  }
  return values;
}

function addPrincipal(map: Map<string, PrincipalAggregate>, row: EventRow, key: string): void {
  const current = map.get(key);
  if (current === undefined) {
    map.set(key, {
      key,
      type: row.principalType ?? "Unknown",
      arn: row.principalArn,
      account_id: row.accountId,
      name: row.principalName,
      first_seen: row.eventTime,
      last_seen: row.eventTime,
      event_count: 1,
    });
    return;
  }
  widen(current, row.eventTime);
  current.event_count += 1;
  current.arn ??= row.principalArn;
  current.account_id ??= row.accountId;
  current.name ??= row.principalName;
}

function addEntry(map: Map<string, BaselineAggregate>, entry: Omit<BaselineAggregate, "last_seen" | "count">): void {
  const id = `${entry.principal_key}\u0000${entry.dimension}\u0000${entry.value}`;
  const current = map.get(id);
  if (current === undefined) {
    map.set(id, { ...entry, last_seen: entry.first_seen, count: 1 });
    return;
  }
  widen(current, entry.first_seen);
  current.count += 1;
}

function addAccessKey(map: Map<string, AccessKeyAggregate>, row: EventRow, keyId: string): void {
  const current = map.get(keyId);
  if (current === undefined) {
    const owner = keyOwner(row);
    map.set(keyId, { access_key_id: keyId, principal_key: owner, first_seen: row.eventTime, last_seen: row.eventTime });
    return;
  }
  widen(current, row.eventTime);
  current.principal_key ??= keyOwner(row);
}

function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.keys()].sort().map((key) => map.get(key) as T);
}

/**
 * Totals CloudTrail rows by principal, baseline value and access key. Rows
 * without a principal key are skipped, and so are rows of other sources: a
 * GuardDuty finding row names the attacker's address, not one the principal
 * used.
 */
export function aggregateBaselineRows(rows: readonly EventRow[]): BaselineAggregates {
  const principals = new Map<string, PrincipalAggregate>();
  const entries = new Map<string, BaselineAggregate>();
  const accessKeys = new Map<string, AccessKeyAggregate>();
  for (const row of rows) {
    const key = row.principalKey;
    if (key === null || row.source !== "cloudtrail") {
      continue;
    }
    addPrincipal(principals, row, key);
    for (const [dimension, value] of dimensionValues(row)) {
      addEntry(entries, { principal_key: key, dimension, value, first_seen: row.eventTime });
    }
    if (row.accessKeyId !== null) {
      addAccessKey(accessKeys, row, row.accessKeyId);
    }
  }
  // Sorted by key so that writers lock rows in one order (see update-baselines.ts).
  return {
    principals: sortedValues(principals),
    entries: sortedValues(entries),
    accessKeys: sortedValues(accessKeys),
  };
}
