import { isIP } from "node:net";

import type { EventRow } from "@/lib/ingest/event-row";

import {
  apiValue,
  type BaselineDimension,
  isServicePrincipal,
  toBaselineValue,
} from "./baseline-values";
import { asnValue, lookupAsn } from "./lookup-asn";
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
  const value = time.getTime();
  if (value < span.first_seen.getTime()) {
    span.first_seen = time;
  }
  if (value > span.last_seen.getTime()) {
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
 * Values computed once per distinct input within one aggregation. A chunk
 * repeats a few hundred addresses and user agents over thousands of rows,
 * and the address checks and country lookup cost several microseconds each
 * (bench/measure-ingest-stages.ts).
 */
class ValueCache {
  private readonly countries = new Map<string, string | null>();
  private readonly asns = new Map<string, string | null>();
  private readonly addresses = new Map<string, boolean>();
  private readonly baselineValues = new Map<string, string>();

  isAddress(value: string): boolean {
    let known = this.addresses.get(value);
    if (known === undefined) {
      known = isIP(value) !== 0;
      this.addresses.set(value, known);
    }
    return known;
  }

  country(address: string): string | null {
    let known = this.countries.get(address);
    if (known === undefined) {
      known = lookupCountry(address);
      this.countries.set(address, known);
    }
    return known;
  }

  asn(address: string): string | null {
    let known = this.asns.get(address);
    if (known === undefined) {
      const record = lookupAsn(address);
      known = record === null ? null : asnValue(record.asn);
      this.asns.set(address, known);
    }
    return known;
  }

  baselineValue(value: string): string {
    let known = this.baselineValues.get(value);
    if (known === undefined) {
      known = toBaselineValue(value);
      this.baselineValues.set(value, known);
    }
    return known;
  }
}

/**
 * Dimension values of a row. Where the caller was (address, country, user
 * agent) is taken only from calls with a real source address: a service
 * acting for the caller writes its own name there and in the user agent.
 */
function dimensionValues(row: EventRow, cache: ValueCache): Array<[BaselineDimension, string]> {
  const values: Array<[BaselineDimension, string]> = [];
  const placeEvidence = row.sourceIp !== null && cache.isAddress(row.sourceIp) && !isServicePrincipal(row);
  if (placeEvidence && row.sourceIp !== null) {
    // The network is derived from the address in SQL (see update-baselines.ts).
    values.push(["ip", row.sourceIp], ["network", row.sourceIp]);
    const country = cache.country(row.sourceIp);
    if (country !== null) {
      values.push(["country", country]);
    }
    // AWS-owned addresses are recorded too, because the rules, not the baseline, decide what they mean.
    const asn = cache.asn(row.sourceIp);
    if (asn !== null) {
      values.push(["asn", asn]);
    }
    if (row.userAgent !== null) {
      values.push(["userAgent", cache.baselineValue(row.userAgent)]);
    }
  }
  if (row.region !== null) {
    values.push(["region", row.region]);
  }
  if (row.eventSource !== null) {
    values.push(["service", row.eventSource]);
    if (row.eventName !== null) {
      values.push(["api", cache.baselineValue(apiValue(row.eventSource, row.eventName))]);
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

/** Baseline totals by principal, then dimension, then value. */
type EntryMap = Map<string, Map<BaselineDimension, Map<string, BaselineAggregate>>>;

function addEntry(map: EntryMap, principalKey: string, dimension: BaselineDimension, value: string, time: Date): void {
  let byDimension = map.get(principalKey);
  if (byDimension === undefined) {
    byDimension = new Map();
    map.set(principalKey, byDimension);
  }
  let byValue = byDimension.get(dimension);
  if (byValue === undefined) {
    byValue = new Map();
    byDimension.set(dimension, byValue);
  }
  const current = byValue.get(value);
  if (current === undefined) {
    byValue.set(value, { principal_key: principalKey, dimension, value, first_seen: time, last_seen: time, count: 1 });
    return;
  }
  widen(current, time);
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

function byteOrder(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function sortedValues<T>(map: Map<string, T>): T[] {
  return [...map.keys()].sort(byteOrder).map((key) => map.get(key) as T);
}

/** Flattens the entries in (principal, dimension, value) order, as update-baselines.ts locks them. */
function sortedEntries(map: EntryMap): BaselineAggregate[] {
  const entries: BaselineAggregate[] = [];
  for (const principalKey of [...map.keys()].sort(byteOrder)) {
    const byDimension = map.get(principalKey) as Map<BaselineDimension, Map<string, BaselineAggregate>>;
    for (const dimension of [...byDimension.keys()].sort(byteOrder)) {
      entries.push(...sortedValues(byDimension.get(dimension) as Map<string, BaselineAggregate>));
    }
  }
  return entries;
}

/**
 * Totals CloudTrail rows by principal, baseline value and access key. Rows
 * without a principal key are skipped, and so are rows of other sources: a
 * GuardDuty finding row names the attacker's address, not one the principal
 * used.
 */
export function aggregateBaselineRows(rows: readonly EventRow[]): BaselineAggregates {
  const principals = new Map<string, PrincipalAggregate>();
  const entries: EntryMap = new Map();
  const accessKeys = new Map<string, AccessKeyAggregate>();
  const cache = new ValueCache();
  for (const row of rows) {
    const key = row.principalKey;
    if (key === null || row.source !== "cloudtrail") {
      continue;
    }
    addPrincipal(principals, row, key);
    for (const [dimension, value] of dimensionValues(row, cache)) {
      addEntry(entries, key, dimension, value, row.eventTime);
    }
    if (row.accessKeyId !== null) {
      addAccessKey(accessKeys, row, row.accessKeyId);
    }
  }
  // Sorted by key so that writers lock rows in one order (see update-baselines.ts).
  return {
    principals: sortedValues(principals),
    entries: sortedEntries(entries),
    accessKeys: sortedValues(accessKeys),
  };
}
