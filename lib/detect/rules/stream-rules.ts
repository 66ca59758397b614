import { isServicePrincipal } from "../baseline-values";
import { countryDistanceKm } from "../country-centroids";
import { lookupCountry } from "../lookup-geo";
import { readNumberSetting } from "../read-detection-settings";
import type { LargePeriod, MitreMapping, Phase, Severity, StreamEvent, StreamHit, StreamLookups, StreamRule } from "./rule-types";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

interface BurstSpec {
  id: string;
  title: string;
  description: string;
  severity: Severity;
  phase: Phase;
  score: number;
  mitre: MitreMapping;
  references: string[];
  fields: string[];
  windowMs: number;
  threshold: number;
  /** `distinct` counts distinct API names, `calls` counts every call. */
  measure: "distinct" | "calls";
  candidateSql: string;
  accepts: (event: StreamEvent) => boolean;
  /** Title of a hit, given the count. */
  describe: (count: number) => string;
}

/**
 * Finds the events at which a principal's calls within `windowMs` first
 * reach `threshold`. After a hit the burst must end (a window with no hit
 * since) before another is reported, so a long burst gives one signal.
 */
export function findBursts(
  events: readonly StreamEvent[],
  options: { windowMs: number; threshold: number; measure: "distinct" | "calls" },
): Array<{ event: StreamEvent; count: number; names: string[] }> {
  const hits: Array<{ event: StreamEvent; count: number; names: string[] }> = [];
  const inWindow = new Map<string, number>();
  let total = 0;
  let left = 0;
  let lastHit = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const time = event.eventTime.getTime();
    while (events[left].eventTime.getTime() < time - options.windowMs) {
      const name = events[left].eventName;
      const remaining = (inWindow.get(name) ?? 1) - 1;
      if (remaining === 0) {
        inWindow.delete(name);
      } else {
        inWindow.set(name, remaining);
      }
      total -= 1;
      left += 1;
    }
    const before = options.measure === "distinct" ? inWindow.size : total;
    inWindow.set(event.eventName, (inWindow.get(event.eventName) ?? 0) + 1);
    total += 1;
    const after = options.measure === "distinct" ? inWindow.size : total;
    if (before < options.threshold && after >= options.threshold && time - lastHit > options.windowMs) {
      hits.push({ event, count: after, names: [...inWindow.keys()].sort() });
      lastHit = time;
    }
  }
  return hits;
}

function createBurstRule(spec: BurstSpec): StreamRule {
  return {
    id: spec.id,
    source: "cloudtrail",
    title: spec.title,
    description: spec.description,
    severity: spec.severity,
    phase: spec.phase,
    score: spec.score,
    mitre: spec.mitre,
    references: spec.references,
    fields: spec.fields,
    groupBy: "principal",
    lookbackMs: spec.windowMs,
    candidateSql: spec.candidateSql,
    accepts: spec.accepts,
    async detect(events) {
      const bursts = findBursts(events, spec);
      return bursts.map((burst) => ({
        event: burst.event,
        title: spec.describe(burst.count),
        details: {
          windowMinutes: spec.windowMs / MINUTE_MS,
          threshold: spec.threshold,
          count: burst.count,
          calls: burst.names.slice(0, 50),
        },
      }));
    },
  };
}

const READ_NAME = /^(List|Get|Describe|Head|Search|Lookup|Scan|BatchGet)/;
const SERVICE_PRINCIPAL_SQL = "e.principal_type IS DISTINCT FROM 'AWSService' AND e.principal_key NOT LIKE 'service:%'";

function isPerson(event: StreamEvent): boolean {
  return !isServicePrincipal(event);
}

export const enumerationBurstRule = createBurstRule({
  id: "recon-iam-ec2-enumeration-burst",
  title: "Burst of IAM and EC2 enumeration",
  description:
    "A principal called many different IAM or EC2 List, Get and Describe APIs within ten minutes, the " +
    "pattern of enumeration tools mapping what stolen credentials can reach. Check the user agent and " +
    "address, and whether a known inventory or audit tool uses this principal.",
  severity: "medium",
  phase: "reconnaissance",
  score: 15,
  mitre: { tactics: ["TA0007"], techniques: ["T1087.004", "T1580"] },
  references: ["https://attack.mitre.org/techniques/T1580/", "https://attack.mitre.org/techniques/T1087/004/"],
  fields: ["eventSource", "eventName", "userIdentity.type"],
  windowMs: 10 * MINUTE_MS,
  threshold: 12,
  measure: "distinct",
  candidateSql: `e.event_source IN ('iam.amazonaws.com', 'ec2.amazonaws.com') AND e.event_name ~ '^(List|Get|Describe)' AND ${SERVICE_PRINCIPAL_SQL}`,
  accepts: (event) =>
    isPerson(event) &&
    (event.eventSource === "iam.amazonaws.com" || event.eventSource === "ec2.amazonaws.com") &&
    /^(List|Get|Describe)/.test(event.eventName),
  describe: (count) => `${count} different IAM and EC2 read calls within 10 minutes`,
});

export const distinctReadBurstRule = createBurstRule({
  id: "recon-distinct-read-burst",
  title: "Burst of distinct read calls",
  description:
    "A principal called many different read-only APIs across services within ten minutes. Scripts with " +
    "stolen credentials sweep every service to see what the keys can read, while people and workloads " +
    "repeat a few calls. Check the user agent, the services touched, and what was read.",
  severity: "medium",
  phase: "reconnaissance",
  score: 10,
  mitre: { tactics: ["TA0007"], techniques: ["T1526", "T1580"] },
  references: ["https://attack.mitre.org/techniques/T1526/"],
  fields: ["readOnly", "eventName", "userIdentity.type"],
  windowMs: 10 * MINUTE_MS,
  threshold: 20,
  measure: "distinct",
  candidateSql: `(e.read_only OR (e.read_only IS NULL AND e.event_name ~ '^(List|Get|Describe|Head|Search|Lookup|Scan|BatchGet)')) AND ${SERVICE_PRINCIPAL_SQL}`,
  accepts: (event) => isPerson(event) && (event.readOnly === true || (event.readOnly === null && READ_NAME.test(event.eventName))),
  describe: (count) => `${count} different read calls within 10 minutes`,
});

// Error codes of a call refused for lack of permission, across AWS APIs.
const DENIED_CODES = ["AccessDenied", "AccessDeniedException", "Client.UnauthorizedOperation", "UnauthorizedOperation", "Client.AccessDenied"];

export const accessDeniedBurstRule = createBurstRule({
  id: "access-denied-burst",
  title: "Burst of denied calls",
  description:
    "A principal had many calls refused for lack of permission within ten minutes. Stolen credentials " +
    "are often tried against APIs their owner never used, to find out what they allow. Check which " +
    "calls were denied, from which address, and whether any similar call succeeded.",
  severity: "medium",
  phase: "reconnaissance",
  score: 15,
  mitre: { tactics: ["TA0007"], techniques: ["T1580", "T1087.004"] },
  references: ["https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html"],
  fields: ["errorCode", "eventName", "userIdentity.type"],
  windowMs: 10 * MINUTE_MS,
  threshold: 10,
  measure: "calls",
  candidateSql: `e.error_code = ANY(ARRAY['${DENIED_CODES.join("','")}']) AND ${SERVICE_PRINCIPAL_SQL}`,
  accepts: (event) => isPerson(event) && DENIED_CODES.includes(event.errorCode ?? ""),
  describe: (count) => `${count} denied calls within 10 minutes`,
});

/** Fastest believable travel between two countries: an airliner's cruising speed, rounded up. */
const MAX_SPEED_KMH = 1_000;
/** Shorter hops are left out, because neighbouring countries' centres say little about real distance. */
const MIN_DISTANCE_KM = 500;

interface Located {
  event: StreamEvent;
  country: string;
}

export const impossibleTravelRule: StreamRule = {
  id: "access-key-impossible-travel",
  source: "cloudtrail",
  title: "Access key used from two countries too far apart",
  description:
    "The same access key signed calls from two countries whose centres are farther apart than anyone " +
    "could travel in the time between the calls. Two people hold the key: its owner and someone else. " +
    "Check which address belongs to the owner, and deactivate the key. Calls a GuardDuty finding already " +
    "reports are not signalled again.",
  severity: "high",
  phase: "detection",
  score: 25,
  mitre: { tactics: ["TA0001"], techniques: ["T1078.004"] },
  references: ["https://attack.mitre.org/techniques/T1078/004/"],
  fields: ["userIdentity.accessKeyId", "sourceIPAddress", "eventTime"],
  groupBy: "accessKey",
  lookbackMs: 24 * HOUR_MS,
  candidateSql: "e.access_key_id IS NOT NULL AND e.source_ip IS NOT NULL",
  accepts: (event) => event.accessKeyId !== null && event.sourceIp !== null,
  async detect(events, lookups) {
    const hits: StreamHit[] = [];
    const reported = new Set<string>();
    let previous: Located | null = null;
    for (const event of events) {
      const country = lookupCountry(event.sourceIp);
      if (country === null) {
        continue;
      }
      const hit = previous === null ? null : judgeTravel(previous, { event, country });
      const pair = hit === null || previous === null ? "" : `${previous.country}>${country}`;
      if (hit !== null && !reported.has(pair)) {
        const known = await lookups.isReportedByFinding({ accessKeyId: event.accessKeyId, address: event.sourceIp, at: event.eventTime });
        if (!known) {
          hits.push(hit);
          reported.add(pair);
        }
      }
      previous = { event, country };
    }
    return hits;
  },
};

/** Returns a hit when going from `from` to `to` would need more than MAX_SPEED_KMH. */
export function judgeTravel(from: Located, to: Located): StreamHit | null {
  if (from.country === to.country) {
    return null;
  }
  const km = countryDistanceKm(from.country, to.country);
  if (km === null || km < MIN_DISTANCE_KM) {
    return null;
  }
  const hours = Math.max(to.event.eventTime.getTime() - from.event.eventTime.getTime(), MINUTE_MS) / HOUR_MS;
  const speed = km / hours;
  if (speed <= MAX_SPEED_KMH) {
    return null;
  }
  return {
    event: to.event,
    title: `${to.event.accessKeyId} used from ${from.country} then ${to.country} (${Math.round(km)} km in ${hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`})`,
    details: {
      from: { country: from.country, address: from.event.sourceIp, at: from.event.eventTime.toISOString(), eventId: from.event.naturalId },
      to: { country: to.country, address: to.event.sourceIp, at: to.event.eventTime.toISOString() },
      distanceKm: Math.round(km),
      speedKmh: Math.round(speed),
      maxSpeedKmh: MAX_SPEED_KMH,
    },
  };
}

const DAY_MS = 24 * HOUR_MS;
/** History an S3 read burst is compared with. */
const S3_READ_HISTORY_MS = 14 * DAY_MS;
/** A burst counts as unusual when it is this many times the principal's busiest earlier hour. */
const S3_READ_PEAK_FACTOR = 3;
const S3_READ_NAMES = ["GetObject", "SelectObjectContent"];
const S3_READ_SQL = `e.event_source = 's3.amazonaws.com' AND e.event_name = ANY(ARRAY['${S3_READ_NAMES.join("','")}']) AND ${SERVICE_PRINCIPAL_SQL}`;

export const s3ReadVolumeRule: StreamRule = {
  id: "s3-read-volume-unusual",
  source: "cloudtrail",
  title: "Unusual volume of S3 object reads",
  description:
    "A principal read far more S3 objects within a clock hour than in its busiest hour of the previous 14 " +
    "days (and at least WATCHFLOOR_S3_READ_BURST_CALLS reads, 500 by default), the pattern of a bucket " +
    "being copied out. It needs S3 data events in the trail. Check the buckets and prefixes read, the " +
    "address and user agent, and where the data could have gone.",
  severity: "high",
  phase: "exfiltration",
  score: 20,
  mitre: { tactics: ["TA0009", "TA0010"], techniques: ["T1530"] },
  references: ["https://attack.mitre.org/techniques/T1530/", "https://docs.aws.amazon.com/AmazonS3/latest/userguide/cloudtrail-logging-s3-info.html"],
  fields: ["eventSource", "eventName", "userIdentity.type", "requestParameters.bucketName"],
  groupBy: "principal",
  lookbackMs: 0,
  alignMs: HOUR_MS,
  candidateSql: S3_READ_SQL,
  accepts: (event) => isPerson(event) && event.eventSource === "s3.amazonaws.com" && S3_READ_NAMES.includes(event.eventName),
  async detect(events, lookups) {
    const hits: StreamHit[] = [];
    // Clock hours, not a sliding window: the hit then does not depend on how
    // the events were split into ingest batches.
    for (const [hour, reads] of groupByClockHour(events)) {
      const period = { key: reads[0].principalKey, start: new Date(hour), count: reads.length, eventAt: async (index: number) => reads[index] };
      hits.push(...(await detectS3ReadHour(period, lookups)));
    }
    return hits;
  },
  detectLargePeriod: detectS3ReadHour,
};

/** Returns the hit of one clock hour of a principal's S3 reads, at the read that crossed the threshold. */
async function detectS3ReadHour(period: LargePeriod, lookups: StreamLookups): Promise<StreamHit[]> {
  const minimum = readNumberSetting("WATCHFLOOR_S3_READ_BURST_CALLS", 500, "calls");
  if (period.count < minimum) {
    return [];
  }
  const hour = period.start.getTime();
  const usualPeak = await lookups.peakHourlyCount({
    principalKey: period.key,
    candidateSql: S3_READ_SQL,
    from: new Date(hour - S3_READ_HISTORY_MS),
    to: period.start,
  });
  const threshold = Math.max(minimum, S3_READ_PEAK_FACTOR * usualPeak + 1, 1);
  if (period.count < threshold) {
    return [];
  }
  return [
    {
      event: await period.eventAt(threshold - 1),
      title: `${period.count} S3 object reads from ${period.start.toISOString().slice(11, 16)} UTC within the hour (busiest earlier hour: ${usualPeak})`,
      details: { hour: period.start.toISOString(), threshold, count: period.count, usualPeakPerHour: usualPeak, historyDays: 14 },
    },
  ];
}

/** Groups events by the UTC clock hour they fall in, each hour's events ordered by time and event id. */
function groupByClockHour(events: readonly StreamEvent[]): Map<number, StreamEvent[]> {
  const hours = new Map<number, StreamEvent[]>();
  for (const event of events) {
    const hour = Math.floor(event.eventTime.getTime() / HOUR_MS) * HOUR_MS;
    const list = hours.get(hour) ?? [];
    list.push(event);
    hours.set(hour, list);
  }
  for (const list of hours.values()) {
    list.sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime() || a.naturalId.localeCompare(b.naturalId));
  }
  return hours;
}
