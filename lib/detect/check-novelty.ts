import { isIP } from "node:net";

import { pgPool } from "@/lib/db/client";

import { addressSql, type BaselineDimension, toBaselineValue } from "./baseline-values";
import { asnValue, lookupAsn } from "./lookup-asn";
import { lookupCountry } from "./lookup-geo";
import { type DetectionSettings, readDetectionSettings } from "./read-detection-settings";

/**
 * - `new`: the principal first used the value within the novelty window
 *   before the call (or at the call itself).
 * - `known`: the principal used it before that.
 * - `not_enough_history`: the principal is too recent for anything to be unusual.
 * - `no_value`: the call has no such value (no source address, no user agent).
 */
export type NoveltyVerdict = "new" | "known" | "not_enough_history" | "no_value";

/** A verdict with the baseline facts behind it, kept in signal details. */
export interface NoveltyResult {
  dimension: BaselineDimension;
  value: string | null;
  verdict: NoveltyVerdict;
  valueFirstSeen: string | null;
  principalFirstSeen: string | null;
}

/** Stored first-seen times of a principal and of one of its values, as firstSeenSql reads them. */
interface FirstSeenRow {
  value: string;
  principal_first_seen: Date | null;
  value_first_seen: Date | null;
}

/**
 * First-seen rows already read in one detection run, by principal, dimension
 * and value. The rows do not depend on the time of the call being judged.
 */
export type FirstSeenCache = Map<string, Promise<FirstSeenRow | undefined>>;

/**
 * Entries a detection run's first-seen cache keeps. When the cache kept every
 * row of the run, 300,000 calls from random addresses filled the 256 MiB heap
 * (the heap grew by about 500 bytes an entry).
 */
export const FIRST_SEEN_CACHE_ENTRIES = 100_000;

/**
 * Returns a first-seen cache that drops its oldest quarter when it passes
 * `limit` entries. Pages of candidates prefetch their rows just before they
 * are judged, so the newest entries are the ones still needed: eight pages of
 * 1,000 calls in flight need at most about 72,000 (nine dimensions a call).
 * A row dropped too early is read again on its own, which costs a query.
 */
export function createFirstSeenCache(limit = FIRST_SEEN_CACHE_ENTRIES): FirstSeenCache {
  const cache: FirstSeenCache = new Map();
  const set = cache.set.bind(cache);
  cache.set = (key, value) => {
    set(key, value);
    if (cache.size > limit) {
      let excess = cache.size - Math.floor(limit * 0.75);
      for (const oldest of cache.keys()) {
        if (excess === 0) {
          break;
        }
        cache.delete(oldest);
        excess -= 1;
      }
    }
    return cache;
  };
  return cache;
}

export interface NoveltyQuery {
  principalKey: string;
  /** Time of the call being judged. */
  at: Date;
  settings?: DetectionSettings;
  cache?: FirstSeenCache;
}

/**
 * Judges from stored first-seen times only, never from the order in which
 * events were processed, so late and shuffled files give the same verdict.
 */
export function judgeNovelty(input: {
  at: Date;
  principalFirstSeen: Date | null;
  valueFirstSeen: Date | null;
  settings: DetectionSettings;
}): Exclude<NoveltyVerdict, "no_value"> {
  const at = input.at.getTime();
  if (input.principalFirstSeen === null || input.principalFirstSeen.getTime() > at - input.settings.minHistoryMs) {
    return "not_enough_history";
  }
  if (input.valueFirstSeen === null || input.valueFirstSeen.getTime() >= at - input.settings.noveltyWindowMs) {
    return "new";
  }
  return "known";
}

// One lookup by primary key on each table. Addresses and networks are
// compared in the text form update-baselines.ts stores, computed here from
// the address. The expression is chosen per dimension, not with CASE,
// because PostgreSQL may fold a constant cast inside CASE at plan time and
// fail on a value that is not an address.
function firstSeenSql(dimension: BaselineDimension): string {
  const value = dimension === "ip" || dimension === "network" ? addressSql(dimension, "$3") : "$3::text";
  return `
SELECT v.value, p.first_seen AS principal_first_seen, b.first_seen AS value_first_seen
FROM (SELECT ${value} AS value) v
LEFT JOIN principals p ON p.key = $1
LEFT JOIN baseline_entries b ON b.principal_key = $1 AND b.dimension = $2 AND b.value = v.value`;
}

function firstSeenKey(principalKey: string, dimension: BaselineDimension, value: string): string {
  return `${principalKey}\u0000${dimension}\u0000${value}`;
}

function readFirstSeen(query: NoveltyQuery, dimension: BaselineDimension, value: string): Promise<FirstSeenRow | undefined> {
  const key = firstSeenKey(query.principalKey, dimension, value);
  const cached = query.cache?.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const read = pgPool()
    .query<FirstSeenRow>(firstSeenSql(dimension), [query.principalKey, dimension, value])
    .then((result) => result.rows[0]);
  query.cache?.set(key, read);
  // A failed read is not kept, so that the next call for the same value queries again.
  read.catch(() => query.cache?.delete(key));
  return read;
}

/** A first-seen row to read: a principal and one value of one dimension, as checkNovelty takes it. */
export interface FirstSeenRequest {
  principalKey: string;
  dimension: BaselineDimension;
  value: string;
}

// The same rows as firstSeenSql, for many values at once. Addresses arrive
// as text and are cast per row, so only rows of the ip and network
// dimensions are cast, and their values have passed isIP.
const PREFETCH_SQL = `
SELECT q.ord::int AS ord, v.value, p.first_seen AS principal_first_seen, b.first_seen AS value_first_seen
FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS q(principal_key, dimension, input, ord)
CROSS JOIN LATERAL (
  SELECT CASE q.dimension
    WHEN 'ip' THEN ${addressSql("ip", "q.input")}
    WHEN 'network' THEN ${addressSql("network", "q.input")}
    ELSE q.input END AS value
) v
LEFT JOIN principals p ON p.key = q.principal_key
LEFT JOIN baseline_entries b ON b.principal_key = q.principal_key AND b.dimension = q.dimension AND b.value = v.value`;

/**
 * Reads the first-seen rows of many values in one query and puts them in
 * the cache, so that the checks of a page of events do not query one value
 * at a time. Values already cached are skipped.
 */
export async function prefetchFirstSeen(requests: readonly FirstSeenRequest[], cache: FirstSeenCache): Promise<void> {
  const fresh = new Map<string, FirstSeenRequest>();
  for (const request of requests) {
    const address = request.dimension === "ip" || request.dimension === "network";
    const key = firstSeenKey(request.principalKey, request.dimension, request.value);
    if (!cache.has(key) && !fresh.has(key) && (!address || isIP(request.value) !== 0)) {
      fresh.set(key, request);
    }
  }
  if (fresh.size === 0) {
    return;
  }
  const pending = [...fresh.values()];
  const result = await pgPool().query<FirstSeenRow & { ord: number }>(PREFETCH_SQL, [
    pending.map((request) => request.principalKey),
    pending.map((request) => request.dimension),
    pending.map((request) => request.value),
  ]);
  const rows = new Map(result.rows.map((row) => [row.ord, row]));
  [...fresh.keys()].forEach((key, index) => {
    const row = rows.get(index + 1);
    const found = row === undefined ? undefined : { value: row.value, principal_first_seen: row.principal_first_seen, value_first_seen: row.value_first_seen };
    cache.set(key, Promise.resolve(found));
  });
}

async function checkNovelty(
  query: NoveltyQuery,
  dimension: BaselineDimension,
  value: string | null,
): Promise<NoveltyResult> {
  if (value === null) {
    return { dimension, value, verdict: "no_value", valueFirstSeen: null, principalFirstSeen: null };
  }
  const row = await readFirstSeen(query, dimension, value);
  const principalFirstSeen = row?.principal_first_seen ?? null;
  const valueFirstSeen = row?.value_first_seen ?? null;
  const verdict = judgeNovelty({
    at: query.at,
    principalFirstSeen,
    valueFirstSeen,
    settings: query.settings ?? readDetectionSettings(),
  });
  return {
    dimension,
    value: row?.value ?? value,
    verdict,
    valueFirstSeen: valueFirstSeen?.toISOString() ?? null,
    principalFirstSeen: principalFirstSeen?.toISOString() ?? null,
  };
}

export function checkAddressNovelty(query: NoveltyQuery & { address: string | null }): Promise<NoveltyResult> {
  const address = query.address !== null && isIP(query.address) !== 0 ? query.address : null;
  return checkNovelty(query, "ip", address);
}

/** Novelty of the address's /24 (IPv4) or /48 (IPv6) network. */
export function checkNetworkNovelty(query: NoveltyQuery & { address: string | null }): Promise<NoveltyResult> {
  const address = query.address !== null && isIP(query.address) !== 0 ? query.address : null;
  return checkNovelty(query, "network", address);
}

/** Novelty of a call's origin, judged on its address and the address's network. */
export interface PlaceNovelty {
  verdict: NoveltyVerdict;
  address: NoveltyResult;
  network: NoveltyResult;
}

/**
 * Combines the two verdicts: a place is new only when both the address and
 * its network are new, so a neighbouring address of a known office NAT pool
 * counts as known.
 */
export function combinePlaceNovelty(address: NoveltyResult, network: NoveltyResult): PlaceNovelty {
  const verdict = address.verdict === "new" && network.verdict === "known" ? "known" : address.verdict;
  return { verdict, address, network };
}

export function checkCountryNovelty(query: NoveltyQuery & { address: string | null }): Promise<NoveltyResult> {
  return checkNovelty(query, "country", lookupCountry(query.address));
}

/** Novelty of the autonomous system that announces the address, as `AS16509`. */
export function checkAsnNovelty(query: NoveltyQuery & { address: string | null }): Promise<NoveltyResult> {
  const record = lookupAsn(query.address);
  return checkNovelty(query, "asn", record === null ? null : asnValue(record.asn));
}

/** Novelty of an API (`eventSource:eventName`) for the principal. */
export function checkApiNovelty(query: NoveltyQuery & { api: string | null }): Promise<NoveltyResult> {
  return checkNovelty(query, "api", query.api === null ? null : toBaselineValue(query.api));
}

export function checkUserAgentNovelty(query: NoveltyQuery & { userAgent: string | null }): Promise<NoveltyResult> {
  return checkNovelty(query, "userAgent", query.userAgent === null ? null : toBaselineValue(query.userAgent));
}
