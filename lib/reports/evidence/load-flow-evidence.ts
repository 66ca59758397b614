import { pgPool } from "@/lib/db/client";

import type { IncidentScope } from "./incident-scope";
import type { CountRow, FlowEvidence, FlowRow } from "./postmortem-evidence";

/** Flow records listed in a postmortem; the rest are counted. */
export const FLOW_SAMPLE = 10;
const TOP_PORTS = 10;

const PROTOCOL_NAMES: Record<number, string> = { 1: "icmp", 6: "tcp", 17: "udp" };

interface FlowTotalsRow {
  total: string;
  accepted: string;
  rejected: string;
  packets: string | null;
  bytes: string | null;
  first: Date | null;
  last: Date | null;
}

/**
 * Aggregates the VPC flow records to or from the attacker addresses within
 * the incident window: totals, destination ports and the earliest records.
 */
export async function loadFlowEvidence(scope: IncidentScope): Promise<FlowEvidence> {
  if (scope.attackerAddresses.length === 0) {
    return { total: 0, accepted: 0, rejected: 0, packets: 0, bytes: 0, first: null, last: null, ports: [], sample: [] };
  }
  const where = `start <= $2 AND "end" >= $1 AND (src_addr = ANY($3::inet[]) OR dst_addr = ANY($3::inet[]))`;
  const params = [scope.windowStart, scope.windowEnd, scope.attackerAddresses];
  const [totals, ports, sample] = await Promise.all([
    pgPool().query<FlowTotalsRow>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE action = 'ACCEPT') AS accepted,
              count(*) FILTER (WHERE action = 'REJECT') AS rejected, sum(packets) AS packets, sum(bytes) AS bytes,
              min(start) AS first, max("end") AS last
         FROM flow_records WHERE ${where}`,
      params,
    ),
    pgPool().query<{ dst_port: number | null; protocol: number | null; count: string }>(
      `SELECT dst_port, protocol, count(*) AS count FROM flow_records WHERE ${where}
        GROUP BY dst_port, protocol ORDER BY count(*) DESC, dst_port LIMIT ${TOP_PORTS}`,
      params,
    ),
    pgPool().query<FlowSampleRow>(
      `SELECT start, host(src_addr) AS src_addr, host(dst_addr) AS dst_addr, dst_port, protocol, action,
              packets, bytes, interface_id
         FROM flow_records WHERE ${where} ORDER BY start, id LIMIT ${FLOW_SAMPLE}`,
      params,
    ),
  ]);
  const row = totals.rows[0];
  return {
    total: Number(row?.total ?? 0),
    accepted: Number(row?.accepted ?? 0),
    rejected: Number(row?.rejected ?? 0),
    packets: Number(row?.packets ?? 0),
    bytes: Number(row?.bytes ?? 0),
    first: row?.first?.toISOString() ?? null,
    last: row?.last?.toISOString() ?? null,
    ports: ports.rows.map((port): CountRow => ({ key: portLabel(port.dst_port, port.protocol), count: Number(port.count) })),
    sample: sample.rows.map(toFlowRow),
  };
}

interface FlowSampleRow {
  start: Date;
  src_addr: string | null;
  dst_addr: string | null;
  dst_port: number | null;
  protocol: number | null;
  action: string | null;
  packets: string | null;
  bytes: string | null;
  interface_id: string | null;
}

function toFlowRow(row: FlowSampleRow): FlowRow {
  return {
    start: row.start.toISOString(),
    srcAddr: row.src_addr,
    dstAddr: row.dst_addr,
    dstPort: row.dst_port,
    protocol: row.protocol,
    action: row.action,
    packets: Number(row.packets ?? 0),
    bytes: Number(row.bytes ?? 0),
    interfaceId: row.interface_id,
  };
}

/** `22/tcp`; a record without a port (ICMP, NODATA) reads `-/icmp` or `-`. */
export function portLabel(port: number | null, protocol: number | null): string {
  const name = protocol === null ? null : (PROTOCOL_NAMES[protocol] ?? `proto ${protocol}`);
  const portText = port === null ? "-" : String(port);
  return name === null ? portText : `${portText}/${name}`;
}
