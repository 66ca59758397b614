import { isIP } from "node:net";

import { pgPool } from "@/lib/db/client";
import { getString } from "@/lib/sources/common/json-fields";

import { apiValue, isServicePrincipal, toBaselineValue } from "./baseline-values";
import {
  checkAddressNovelty,
  checkApiNovelty,
  checkAsnNovelty,
  checkCountryNovelty,
  checkNetworkNovelty,
  createFirstSeenCache,
  type FirstSeenCache,
  type FirstSeenRequest,
  checkUserAgentNovelty,
  combinePlaceNovelty,
  type NoveltyResult,
  type PlaceNovelty,
  prefetchFirstSeen,
} from "./check-novelty";
import { asnValue, isAwsOwnedAddress, lookupAsn } from "./lookup-asn";
import { lookupCountry } from "./lookup-geo";
import type { DetectionSettings } from "./read-detection-settings";
import type { CandidateEvent } from "./rules/rule-types";

/** Database look-ups the rules need, bound to one run's settings. */
export interface DetectionLookups {
  /** Novelty of the call's address and network for its principal. */
  placeNovelty(event: CandidateEvent): Promise<PlaceNovelty>;
  countryNovelty(event: CandidateEvent): Promise<NoveltyResult>;
  /** Novelty of the autonomous system that announces the call's address. */
  asnNovelty(event: CandidateEvent): Promise<NoveltyResult>;
  userAgentNovelty(event: CandidateEvent): Promise<NoveltyResult>;
  /** Principal key of an IAM user named in a request (see resolveUserKey below). */
  resolveUserKey(input: { accountId: string | null; userName: string; partition: string }): Promise<string>;
  accessKeyOwner(accessKeyId: string): Promise<string | null>;
  /**
   * False when the principal already made this call from this address within
   * the novelty window. `addressFirstSeen`, the baseline's first use of the
   * address by the principal, narrows the search: no earlier call used it.
   */
  isFirstCallFromAddress(event: CandidateEvent, addressFirstSeen?: string | null): Promise<boolean>;
  /** True when a principal, or a key, is part of suspicious activity a responder would contain. */
  isContainmentTarget(input: { principalKey: string; accessKeyId: string | null; at: Date }): Promise<boolean>;
  /** Novelty of the call's API (eventSource:eventName) for its principal. */
  apiNovelty(event: CandidateEvent): Promise<NoveltyResult>;
  /** True when a GuardDuty finding already reports this key calling from this address around this time. */
  isReportedByFinding(input: { accessKeyId: string | null; address: string | null; at: Date }): Promise<boolean>;
  /** Largest number of the principal's events matching `candidateSql` in one clock hour between `from` and `to`. */
  peakHourlyCount(input: { principalKey: string; candidateSql: string; from: Date; to: Date }): Promise<number>;
  /** True when the principal made no other call within `windowMs` before this one. */
  isFirstCallWithin(event: CandidateEvent, windowMs: number): Promise<boolean>;
  /** True when stored signals show AdministratorAccess or an allow-all policy given to the group. */
  groupGrantsAdministrator(input: { accountId: string | null; groupName: string }): Promise<boolean>;
  /**
   * Reads ahead, in one query, the baseline rows that the novelty checks of
   * these events may read, so that a page of events does not query them one
   * at a time. Optional: rules work the same without it.
   */
  prefetchNovelty?(events: readonly CandidateEvent[]): Promise<void>;
}

/**
 * Incident statuses after which the work is over. Incidents in any other
 * status (`new` and whatever the response workflow adds) count as open.
 */
export const CLOSED_INCIDENT_STATUSES = ["closed", "resolved", "false_positive"];

const NO_PLACE_EVIDENCE = (dimension: NoveltyResult["dimension"]): NoveltyResult => ({
  dimension,
  value: null,
  verdict: "no_value",
  valueFirstSeen: null,
  principalFirstSeen: null,
});

/**
 * IAM user names are unique within an account whatever their path, and the
 * user's principal key is its ARN, which includes the path. Requests name the
 * user without the path. The key is therefore taken from a principal already
 * seen with that name, or else built with the root path `/`.
 */
async function resolveUserKey(input: { accountId: string | null; userName: string; partition: string }) {
  const account = input.accountId ?? "unknown";
  const result = await pgPool().query<{ key: string }>(
    `SELECT key FROM principals
     WHERE type = 'IAMUser' AND account_id = $1 AND name = $2
     ORDER BY (arn IS NULL), last_seen DESC LIMIT 1`,
    [account, input.userName],
  );
  return result.rows[0]?.key ?? `arn:${input.partition}:iam::${account}:user/${input.userName}`;
}

async function accessKeyOwner(accessKeyId: string): Promise<string | null> {
  const result = await pgPool().query<{ principal_key: string | null }>(
    "SELECT principal_key FROM access_keys WHERE access_key_id = $1",
    [accessKeyId],
  );
  return result.rows[0]?.principal_key ?? null;
}

async function isFirstCallFromAddress(
  event: CandidateEvent,
  settings: DetectionSettings,
  addressFirstSeen: string | null | undefined,
): Promise<boolean> {
  if (event.sourceIp === null) {
    return false;
  }
  // The baseline counts every call of a principal from an address, so no
  // call from it is older than the address's first seen. The search starts
  // there when that is later than the window's start.
  const firstSeen = addressFirstSeen === null || addressFirstSeen === undefined ? Number.NaN : Date.parse(addressFirstSeen);
  const windowStart = new Date(Math.max(event.eventTime.getTime() - settings.noveltyWindowMs, Number.isNaN(firstSeen) ? 0 : firstSeen - 1));
  const result = await pgPool().query(
    `SELECT 1 FROM events
     WHERE principal_key = $1 AND event_name = $2 AND source_ip = $3::inet
       AND event_time >= $4 AND (event_time < $5 OR (event_time = $5 AND id < $6::bigint))
     LIMIT 1`,
    [event.principalKey, event.eventName, event.sourceIp, windowStart, event.eventTime, event.id],
  );
  return result.rowCount === 0;
}

// Scored signals of the principal within the correlation window, a signal
// that created the key, or an open incident of the principal.
const CONTAINMENT_TARGET_SQL = `
SELECT
  EXISTS (
    SELECT 1 FROM signals
    WHERE principal_key = $1 AND phase <> 'containment' AND score > 0
      AND event_time BETWEEN $3::timestamptz - $4::double precision * interval '1 millisecond'
                         AND $3::timestamptz + $4::double precision * interval '1 millisecond')
  OR EXISTS (
    SELECT 1 FROM signals
    WHERE $2::text IS NOT NULL AND related_key_id = $2 AND phase <> 'containment' AND score > 0)
  OR EXISTS (
    SELECT 1 FROM incidents WHERE principal_key = $1 AND NOT (status = ANY($5::text[])))
  AS target`;

async function isContainmentTarget(
  input: { principalKey: string; accessKeyId: string | null; at: Date },
  settings: DetectionSettings,
): Promise<boolean> {
  const result = await pgPool().query<{ target: boolean }>(CONTAINMENT_TARGET_SQL, [
    input.principalKey,
    input.accessKeyId,
    input.at,
    settings.correlationWindowMs,
    CLOSED_INCIDENT_STATUSES,
  ]);
  return result.rows[0]?.target ?? false;
}

// GuardDuty aggregates repeated activity into one finding over its first and
// last seen times; an hour on either side covers its delivery delay.
const REPORTED_BY_FINDING_SQL = `
SELECT EXISTS (
  SELECT 1 FROM findings
  WHERE access_key_id = $1 AND $2 = ANY(remote_ips) AND NOT sample
    AND coalesce(event_first_seen, created_at) - interval '1 hour' <= $3
    AND coalesce(event_last_seen, updated_at) + interval '1 hour' >= $3
) AS reported`;

async function isReportedByFinding(
  input: { accessKeyId: string | null; address: string | null; at: Date },
  anyFindings: () => Promise<boolean>,
): Promise<boolean> {
  if (input.accessKeyId === null || input.address === null || !(await anyFindings())) {
    return false;
  }
  const result = await pgPool().query<{ reported: boolean }>(REPORTED_BY_FINDING_SQL, [input.accessKeyId, input.address, input.at]);
  return result.rows[0]?.reported ?? false;
}

async function peakHourlyCount(input: { principalKey: string; candidateSql: string; from: Date; to: Date }): Promise<number> {
  const result = await pgPool().query<{ peak: number | null }>(
    `SELECT max(calls)::int AS peak FROM (
       SELECT count(*) AS calls FROM events e
       WHERE e.principal_key = $1 AND e.event_time >= $2 AND e.event_time < $3 AND (${input.candidateSql})
       GROUP BY date_trunc('hour', e.event_time)) AS hours`,
    [input.principalKey, input.from, input.to],
  );
  return result.rows[0]?.peak ?? 0;
}

async function isFirstCallWithin(event: CandidateEvent, windowMs: number): Promise<boolean> {
  const result = await pgPool().query(
    `SELECT 1 FROM events
     WHERE principal_key = $1 AND event_time >= $2
       AND (event_time < $3 OR (event_time = $3 AND id < $4::bigint))
     LIMIT 1`,
    [event.principalKey, new Date(event.eventTime.getTime() - windowMs), event.eventTime, event.id],
  );
  return result.rowCount === 0;
}

// The AdministratorAccess and allow-all rules record the group they changed in details.target.
async function groupGrantsAdministrator(input: { accountId: string | null; groupName: string }): Promise<boolean> {
  const result = await pgPool().query<{ granted: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM signals
       WHERE rule_id = ANY($1::text[]) AND details->'target'->>'type' = 'group'
         AND details->'target'->>'name' = $2 AND details->>'accountId' IS NOT DISTINCT FROM $3
     ) AS granted`,
    [["iam-attach-administrator-access", "iam-allow-all-policy"], input.groupName, input.accountId],
  );
  return result.rows[0]?.granted ?? false;
}

/**
 * True for a call made by AWS rather than by the principal from a place of
 * its own: an AWS service acting in its own name, or a service acting for
 * the principal (userIdentity.invokedBy) from an Amazon address. Such calls
 * are recorded in the baseline but give no evidence of a new place.
 */
export function isAwsServiceCall(event: CandidateEvent): boolean {
  if (isServicePrincipal(event)) {
    return true;
  }
  return getString(event.record, "userIdentity", "invokedBy") !== null && isAwsOwnedAddress(event.sourceIp);
}

async function placeNovelty(event: CandidateEvent, settings: DetectionSettings, cache: FirstSeenCache): Promise<PlaceNovelty> {
  if (isAwsServiceCall(event)) {
    return combinePlaceNovelty(NO_PLACE_EVIDENCE("ip"), NO_PLACE_EVIDENCE("network"));
  }
  const query = { principalKey: event.principalKey, at: event.eventTime, address: event.sourceIp, settings, cache };
  return combinePlaceNovelty(await checkAddressNovelty(query), await checkNetworkNovelty(query));
}

/** Lists the values the novelty checks above read for an event, with the same guards. */
function noveltyRequests(event: CandidateEvent): FirstSeenRequest[] {
  const requests: FirstSeenRequest[] = [];
  const add = (dimension: FirstSeenRequest["dimension"], value: string | null) => {
    if (value !== null) {
      requests.push({ principalKey: event.principalKey, dimension, value });
    }
  };
  add("api", event.eventSource === null ? null : toBaselineValue(apiValue(event.eventSource, event.eventName)));
  if (isAwsServiceCall(event)) {
    return requests;
  }
  const address = event.sourceIp !== null && isIP(event.sourceIp) !== 0 ? event.sourceIp : null;
  add("ip", address);
  add("network", address);
  add("country", lookupCountry(event.sourceIp));
  const asn = lookupAsn(event.sourceIp);
  add("asn", asn === null ? null : asnValue(asn.asn));
  if (event.sourceIp !== null) {
    add("userAgent", event.userAgent === null ? null : toBaselineValue(event.userAgent));
  }
  return requests;
}

export function createDetectionLookups(settings: DetectionSettings): DetectionLookups {
  const userKeys = new Map<string, Promise<string>>();
  // Detection reads baselines after its batch stored them, so each first-seen row is read once a run.
  const cache: FirstSeenCache = createFirstSeenCache();
  // Without any finding stored, no call can have been reported, and the
  // per-call query is skipped. Read once a run, like the first-seen rows.
  let findingsStored: Promise<boolean> | null = null;
  const anyFindings = () => {
    if (findingsStored === null) {
      const read = pgPool()
        .query<{ found: boolean }>("SELECT EXISTS (SELECT 1 FROM findings WHERE NOT sample) AS found")
        .then((result) => result.rows[0]?.found ?? true);
      // A failed read is not kept, so that the next call queries again.
      read.catch(() => {
        findingsStored = null;
      });
      findingsStored = read;
    }
    return findingsStored;
  };
  return {
    placeNovelty: (event) => placeNovelty(event, settings, cache),
    countryNovelty: (event) =>
      isAwsServiceCall(event)
        ? Promise.resolve(NO_PLACE_EVIDENCE("country"))
        : checkCountryNovelty({ principalKey: event.principalKey, at: event.eventTime, address: event.sourceIp, settings, cache }),
    asnNovelty: (event) =>
      isAwsServiceCall(event)
        ? Promise.resolve(NO_PLACE_EVIDENCE("asn"))
        : checkAsnNovelty({ principalKey: event.principalKey, at: event.eventTime, address: event.sourceIp, settings, cache }),
    userAgentNovelty: (event) =>
      isAwsServiceCall(event) || event.sourceIp === null
        ? Promise.resolve(NO_PLACE_EVIDENCE("userAgent"))
        : checkUserAgentNovelty({
            principalKey: event.principalKey,
            at: event.eventTime,
            userAgent: event.userAgent,
            settings,
            cache,
          }),
    resolveUserKey: (input) => {
      const cacheKey = `${input.partition}:${input.accountId}:${input.userName}`;
      let key = userKeys.get(cacheKey);
      if (key === undefined) {
        key = resolveUserKey(input);
        userKeys.set(cacheKey, key);
      }
      return key;
    },
    accessKeyOwner,
    isFirstCallFromAddress: (event, addressFirstSeen) => isFirstCallFromAddress(event, settings, addressFirstSeen),
    isContainmentTarget: (input) => isContainmentTarget(input, settings),
    apiNovelty: (event) =>
      checkApiNovelty({
        principalKey: event.principalKey,
        at: event.eventTime,
        api: event.eventSource === null ? null : apiValue(event.eventSource, event.eventName),
        settings,
        cache,
      }),
    isReportedByFinding: (input) => isReportedByFinding(input, anyFindings),
    peakHourlyCount,
    isFirstCallWithin,
    groupGrantsAdministrator,
    prefetchNovelty: (events) => prefetchFirstSeen(events.flatMap(noveltyRequests), cache),
  };
}
