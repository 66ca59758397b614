import { pgPool } from "@/lib/db/client";

import { attackerCondition, scopeCondition, type IncidentScope } from "./incident-scope";
import type { CloudTrailEvidence, CountRow, EventNameRow, HourRow } from "./postmortem-evidence";

/** Event names listed in a postmortem; the rest are counted. */
export const TOP_EVENT_NAMES = 25;
const TOP_ADDRESSES = 10;

interface GroupRow {
  event_name: string | null;
  hour: Date | null;
  address: string | null;
  by_name: number;
  by_hour: number;
  by_address: number;
  count: string;
  errors: string;
  from_attacker: string;
  first: Date;
  last: Date;
}

/**
 * Aggregates the incident's CloudTrail events in one scan: counts per event
 * name, per UTC hour and per source address. A postmortem never lists the raw
 * events, so an incident with 100,000 of them costs the same few rows.
 */
export async function loadCloudTrailEvidence(scope: IncidentScope): Promise<CloudTrailEvidence> {
  const inScope = scopeCondition(scope, 1);
  const attacker = attackerCondition(scope, 5);
  const result = await pgPool().query<GroupRow>(
    `SELECT coalesce(event_name, '(none)') AS event_name, date_trunc('hour', event_time, 'UTC') AS hour,
            host(source_ip) AS address,
            GROUPING(coalesce(event_name, '(none)')) AS by_name, GROUPING(date_trunc('hour', event_time, 'UTC')) AS by_hour,
            GROUPING(host(source_ip)) AS by_address,
            count(*) AS count, count(error_code) AS errors,
            count(*) FILTER (WHERE ${attacker.sql}) AS from_attacker,
            min(event_time) AS first, max(event_time) AS last
       FROM events
      WHERE source = 'cloudtrail' AND ${inScope.sql}
      GROUP BY GROUPING SETS ((coalesce(event_name, '(none)')), (date_trunc('hour', event_time, 'UTC')), (host(source_ip)), ())`,
    [...inScope.params, ...attacker.params],
  );
  return shapeCloudTrailEvidence(result.rows);
}

function shapeCloudTrailEvidence(rows: GroupRow[]): CloudTrailEvidence {
  const total = rows.find((row) => row.by_name === 1 && row.by_hour === 1 && row.by_address === 1);
  const names: EventNameRow[] = rows
    .filter((row) => row.by_name === 0)
    .map((row) => ({
      eventName: row.event_name ?? "(none)",
      count: Number(row.count),
      errors: Number(row.errors),
      fromAttacker: Number(row.from_attacker),
      first: row.first.toISOString(),
      last: row.last.toISOString(),
    }))
    .sort((a, b) => b.fromAttacker - a.fromAttacker || b.count - a.count || a.eventName.localeCompare(b.eventName));
  const hours: HourRow[] = rows
    .filter((row) => row.by_hour === 0 && row.hour !== null)
    .map((row) => ({ hour: (row.hour as Date).toISOString(), count: Number(row.count), fromAttacker: Number(row.from_attacker) }))
    .sort((a, b) => a.hour.localeCompare(b.hour));
  const addresses: CountRow[] = rows
    .filter((row) => row.by_address === 0)
    .map((row) => ({ key: row.address ?? "(none)", count: Number(row.count) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
  return {
    total: Number(total?.count ?? 0),
    fromAttacker: Number(total?.from_attacker ?? 0),
    errors: Number(total?.errors ?? 0),
    byEventName: names.slice(0, TOP_EVENT_NAMES),
    eventNameCount: names.length,
    byHour: hours,
    topAddresses: addresses.slice(0, TOP_ADDRESSES),
  };
}
