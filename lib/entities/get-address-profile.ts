import { isIP } from "node:net";

import { pgPool } from "@/lib/db/client";
import { type AsnRecord, lookupAsn } from "@/lib/detect/lookup-asn";
import { isPublicAddress, lookupCountry } from "@/lib/detect/lookup-geo";

import type { EventActivity } from "./bucket-event-activity";
import { type EntityIncident, loadEntityIncidents } from "./load-entity-incidents";
import { loadEventActivity } from "./load-event-activity";
import { type AwsRangeResult, lookupAwsRange } from "./lookup-aws-range";

export interface AddressPrincipalUse {
  principalKey: string;
  name: string | null;
  type: string | null;
  accessKeyIds: string[];
  count: number;
  firstSeen: string;
  lastSeen: string;
}

export interface AddressFinding {
  id: string;
  type: string;
  title: string;
  severityLabel: string;
  createdAt: string;
}

/** VPC flow records with the address on either side. */
export interface AddressFlows {
  records: number;
  accepted: number;
  rejected: number;
  firstStart: string | null;
  lastEnd: string | null;
}

export interface AddressProfile {
  address: string;
  isPublic: boolean;
  /** ISO 3166-1 alpha-2 code from the GeoLite2 country database. */
  country: string | null;
  /** Autonomous system from DB-IP's IP-to-ASN Lite data; its `awsOwned` works without ip-ranges.json. */
  asn: AsnRecord | null;
  aws: AwsRangeResult;
  principals: AddressPrincipalUse[];
  findings: AddressFinding[];
  flows: AddressFlows;
  activity: EventActivity;
  incidents: EntityIncident[];
}

// NOTE: events has no index on source_ip, so this query and the activity
// chart read every event; an index on (source_ip, event_time) would fix it.
async function loadAddressPrincipals(address: string): Promise<AddressPrincipalUse[]> {
  const result = await pgPool().query<{
    principal_key: string;
    name: string | null;
    type: string | null;
    keys: string[];
    count: number;
    first_seen: Date;
    last_seen: Date;
  }>(
    `SELECT e.principal_key, p.name, p.type,
       array_remove(array_agg(DISTINCT e.access_key_id), NULL) AS keys,
       count(*)::int AS count, min(e.event_time) AS first_seen, max(e.event_time) AS last_seen
     FROM events e LEFT JOIN principals p ON p.key = e.principal_key
     WHERE e.source_ip = $1::inet AND e.principal_key IS NOT NULL
     GROUP BY e.principal_key, p.name, p.type ORDER BY count(*) DESC LIMIT 100`,
    [address],
  );
  return result.rows.map((row) => ({
    principalKey: row.principal_key,
    name: row.name,
    type: row.type,
    accessKeyIds: row.keys,
    count: row.count,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
  }));
}

async function loadAddressFindings(address: string): Promise<AddressFinding[]> {
  const result = await pgPool().query<{ id: string; type: string; title: string; severity_label: string; created_at: Date }>(
    `SELECT id, type, title, severity_label, created_at FROM findings
     WHERE $1 = ANY(remote_ips) AND NOT sample ORDER BY created_at DESC LIMIT 100`,
    [address],
  );
  return result.rows.map((row) => ({
    id: row.id,
    type: row.type,
    title: row.title,
    severityLabel: row.severity_label,
    createdAt: row.created_at.toISOString(),
  }));
}

async function loadAddressFlows(address: string): Promise<AddressFlows> {
  const result = await pgPool().query<{
    records: number;
    accepted: number;
    rejected: number;
    first_start: Date | null;
    last_end: Date | null;
  }>(
    `SELECT count(*)::int AS records,
       (count(*) FILTER (WHERE action = 'ACCEPT'))::int AS accepted,
       (count(*) FILTER (WHERE action = 'REJECT'))::int AS rejected,
       min(start) AS first_start, max("end") AS last_end
     FROM flow_records WHERE src_addr = $1::inet OR dst_addr = $1::inet`,
    [address],
  );
  const row = result.rows[0];
  return {
    records: row?.records ?? 0,
    accepted: row?.accepted ?? 0,
    rejected: row?.rejected ?? 0,
    firstStart: row?.first_start?.toISOString() ?? null,
    lastEnd: row?.last_end?.toISOString() ?? null,
  };
}

/**
 * Returns what is known about a source address: its country, its
 * autonomous system, whether AWS
 * announces it, the principals and keys that called from it, GuardDuty
 * findings and flow records naming it, its events over time and its
 * incidents. Returns null when the text is not an IP address.
 */
export async function getAddressProfile(address: string): Promise<AddressProfile | null> {
  if (isIP(address) === 0) {
    return null;
  }
  const [principals, findings, flows, activity, incidents] = await Promise.all([
    loadAddressPrincipals(address),
    loadAddressFindings(address),
    loadAddressFlows(address),
    loadEventActivity({ kind: "address", address }),
    loadEntityIncidents({ kind: "address", address }),
  ]);
  return {
    address,
    isPublic: isPublicAddress(address),
    country: lookupCountry(address),
    asn: lookupAsn(address),
    aws: lookupAwsRange(address),
    principals,
    findings,
    flows,
    activity,
    incidents,
  };
}
