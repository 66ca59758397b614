import { pgPool } from "@/lib/db/client";
import { lookupAwsRange } from "@/lib/entities/lookup-aws-range";

import { lookupCountry } from "./lookup-geo";
import {
  FLOW_PEAK_FACTOR,
  type FlowExfiltrationSettings,
  flowExfiltrationRule,
  readFlowExfiltrationSettings,
} from "./rules/flow-exfiltration-rule";
import { type SavedSignal, saveSignals, type SignalInput } from "./save-signals";

const HOUR_MS = 3_600_000;
/** History a transfer is compared with. */
const HISTORY_MS = 14 * 24 * HOUR_MS;

interface TransferRow {
  interface_id: string | null;
  src: string;
  dst: string;
  hour: Date;
  first_start: Date;
  bytes: string;
  flows: string;
  top_id: string;
  account_id: string | null;
}

// Accepted flows of the selected records' hours, summed per interface,
// source, destination and hour. Selection: $1 batch id or $2 earliest start.
const TRANSFERS_SQL = `
WITH hours AS (
  SELECT DISTINCT date_trunc('hour', start) AS hour FROM flow_records
  WHERE ($1::uuid IS NULL OR batch_id = $1::uuid) AND ($2::timestamptz IS NULL OR start >= $2::timestamptz)
)
SELECT f.interface_id, host(f.src_addr) AS src, host(f.dst_addr) AS dst, date_trunc('hour', f.start) AS hour,
       min(f.start) AS first_start, sum(f.bytes)::text AS bytes, count(*)::text AS flows,
       (array_agg(f.natural_id ORDER BY f.bytes DESC NULLS LAST, f.id))[1] AS top_id, max(f.account_id) AS account_id
FROM flow_records f
WHERE date_trunc('hour', f.start) IN (SELECT hour FROM hours)
  AND f.action = 'ACCEPT' AND f.bytes IS NOT NULL AND f.src_addr IS NOT NULL AND f.dst_addr IS NOT NULL
GROUP BY 1, 2, 3, 4
HAVING sum(f.bytes) >= $3`;

// Busiest earlier hour from the same source to the same destination.
const PEAK_SQL = `
SELECT coalesce(max(bytes), 0)::text AS peak FROM (
  SELECT sum(bytes) AS bytes FROM flow_records
  WHERE src_addr = $1::inet AND dst_addr = $2::inet AND action = 'ACCEPT'
    AND start >= $3 AND start < $4
  GROUP BY date_trunc('hour', start)) AS hours`;

/** Principal key of a flow signal: the interface, or the source address when the format has no interface. */
export function flowPrincipalKey(interfaceId: string | null, sourceAddress: string): string {
  return interfaceId !== null && interfaceId !== "" ? `interface:${interfaceId}` : `address:${sourceAddress}`;
}

/**
 * Signals unusual transfers out in the VPC flow records of a batch (or
 * since a time). The signal's address is the destination, so that
 * correlation joins it to an incident whose attacker used that address.
 */
export async function signalFlowExfiltration(options: { batchId?: string; since?: Date }): Promise<SavedSignal[]> {
  const settings = readFlowExfiltrationSettings();
  const transfers = await pgPool().query<TransferRow>(TRANSFERS_SQL, [options.batchId ?? null, options.since ?? null, settings.minBytes]);
  const signals: SignalInput[] = [];
  for (const row of transfers.rows) {
    const country = lookupCountry(row.dst);
    const region = settings.approvedRegions.size > 0 ? awsRegionOf(row.dst) : null;
    if (country === null || isApproved(settings, country, region)) {
      continue;
    }
    const peakResult = await pgPool().query<{ peak: string }>(PEAK_SQL, [
      row.src,
      row.dst,
      new Date(row.hour.getTime() - HISTORY_MS),
      row.hour,
    ]);
    const peak = Number(peakResult.rows[0]?.peak ?? 0);
    const bytes = Number(row.bytes);
    if (bytes <= FLOW_PEAK_FACTOR * peak) {
      continue;
    }
    signals.push(toSignal(row, { country, region, bytes, peak, settings }));
  }
  return saveSignals(signals);
}

/** True when the destination is in an approved AWS region, or, outside AWS regions, in an approved country. */
function isApproved(settings: FlowExfiltrationSettings, country: string, region: string | null): boolean {
  if (region !== null) {
    return settings.approvedRegions.has(region);
  }
  return settings.approvedCountries.has(country);
}

/** Returns the AWS region that ip-ranges.json places an address in; null outside AWS, for GLOBAL, or without the file. */
function awsRegionOf(address: string): string | null {
  const range = lookupAwsRange(address);
  return range.owned === true && range.region !== "GLOBAL" ? range.region : null;
}

interface TransferFacts {
  country: string;
  region: string | null;
  bytes: number;
  peak: number;
  settings: FlowExfiltrationSettings;
}

function toSignal(row: TransferRow, facts: TransferFacts): SignalInput {
  return {
    ruleId: flowExfiltrationRule.id,
    source: "vpcflow",
    naturalId: row.top_id,
    eventTime: row.first_start,
    phase: flowExfiltrationRule.phase,
    severity: flowExfiltrationRule.severity,
    score: flowExfiltrationRule.score,
    title: `${formatMiB(facts.bytes)} sent from ${row.src} to ${row.dst} (${facts.region ?? facts.country}) within an hour`,
    principalKey: flowPrincipalKey(row.interface_id, row.src),
    subjectKey: null,
    accessKeyId: null,
    relatedKeyId: null,
    sourceIp: row.dst,
    eventName: null,
    techniqueIds: flowExfiltrationRule.mitre.techniques,
    details: {
      accountId: row.account_id,
      interfaceId: row.interface_id,
      sourceAddress: row.src,
      destination: { address: row.dst, country: facts.country, awsRegion: facts.region },
      hour: row.hour.toISOString(),
      bytes: facts.bytes,
      flows: Number(row.flows),
      usualPeakBytesPerHour: facts.peak,
      approvedCountries: [...facts.settings.approvedCountries],
      approvedRegions: [...facts.settings.approvedRegions],
    },
  };
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
