import type { SeededRandom } from "../create-seeded-random";
import { ATTACKER, ATTACKER_SSH_PROBES, DEMO_ACCOUNT_ID, VPC } from "../scenario";

/** One record of the default (version 2) flow log format. */
export interface FlowLogRecord {
  interfaceId: string;
  srcaddr: string | null;
  dstaddr: string | null;
  srcport: number | null;
  dstport: number | null;
  protocol: number | null;
  packets: number | null;
  bytes: number | null;
  /** Unix seconds of the capture window. */
  start: number;
  end: number;
  action: "ACCEPT" | "REJECT" | null;
  logStatus: "OK" | "NODATA";
}

/** Residential addresses of the web site's visitors. */
const WEB_CLIENTS = [
  "73.162.41.18",
  "98.207.114.60",
  "24.6.155.201",
  "71.202.19.77",
  "67.180.33.102",
  "108.28.190.14",
];
/** Internet-wide scanners (Censys) that knock on closed ports all day. */
const SCANNERS = ["162.142.125.217", "167.94.138.44"];
/** S3 and ECR endpoint addresses in us-east-1 that the CI runner talks to. */
const AWS_ENDPOINTS = ["52.216.177.83", "3.5.29.140", "54.239.28.85", "3.226.176.49"];

const TCP = 6;
const CAPTURE_WINDOW_SECONDS = 600;
/** The pipeline starts at twenty past every even hour (the ci-deploy cadence). */
const CI_RUN_MINUTE = 20;

function ephemeralPort(random: SeededRandom): number {
  return random.int(32768, 60999);
}

function connection(
  random: SeededRandom,
  interfaceId: string,
  client: { address: string; port: number },
  server: { address: string; port: number },
  start: number,
): FlowLogRecord[] {
  const end = start + random.int(20, 60);
  const packetsIn = random.int(6, 40);
  const packetsOut = random.int(6, 60);
  const common = {
    interfaceId,
    protocol: TCP,
    start,
    end,
    action: "ACCEPT" as const,
    logStatus: "OK" as const,
  };
  return [
    {
      ...common,
      srcaddr: client.address,
      dstaddr: server.address,
      srcport: client.port,
      dstport: server.port,
      packets: packetsIn,
      bytes: packetsIn * random.int(60, 900),
    },
    {
      ...common,
      srcaddr: server.address,
      dstaddr: client.address,
      srcport: server.port,
      dstport: client.port,
      packets: packetsOut,
      bytes: packetsOut * random.int(200, 1400),
    },
  ];
}

function webServerHour(random: SeededRandom, hourStart: number): FlowLogRecord[] {
  const { interfaceId, privateIp } = VPC.webServer;
  const records: FlowLogRecord[] = [];
  const visits = random.int(6, 14);
  for (let visit = 0; visit < visits; visit += 1) {
    const client = { address: random.pick(WEB_CLIENTS), port: ephemeralPort(random) };
    const start = hourStart + random.int(0, 3540);
    const server = { address: privateIp, port: 443 };
    records.push(...connection(random, interfaceId, client, server, start));
  }
  if (random.chance(0.5)) {
    const start = hourStart + random.int(0, 3540);
    records.push({
      interfaceId,
      srcaddr: random.pick(SCANNERS),
      dstaddr: privateIp,
      srcport: ephemeralPort(random),
      dstport: random.pick([23, 3389, 8080]),
      protocol: TCP,
      packets: 1,
      bytes: 44,
      start,
      end: start + 60,
      action: "REJECT",
      logStatus: "OK",
    });
  }
  return records;
}

/**
 * Builds the CI runner's records of one hour. The runner talks to AWS
 * endpoints only while the pipeline runs, and flow logs write a NODATA record
 * for each capture window in which an interface saw no traffic.
 */
function ciRunnerHour(random: SeededRandom, hourStart: number, hour: number): FlowLogRecord[] {
  const { interfaceId, privateIp } = VPC.ciRunner;
  const records: FlowLogRecord[] = [];
  const runStart = hourStart + CI_RUN_MINUTE * 60;
  const runs = hour % 2 === 0;
  for (let window = hourStart; window < hourStart + 3600; window += CAPTURE_WINDOW_SECONDS) {
    const windowEnd = window + CAPTURE_WINDOW_SECONDS;
    if (runs && runStart >= window && runStart < windowEnd) {
      const flows = random.int(4, 8);
      for (let flow = 0; flow < flows; flow += 1) {
        const client = { address: privateIp, port: ephemeralPort(random) };
        const server = { address: random.pick(AWS_ENDPOINTS), port: 443 };
        const start = runStart + random.int(0, 240);
        records.push(...connection(random, interfaceId, client, server, start));
      }
    } else {
      records.push({
        interfaceId,
        srcaddr: null,
        dstaddr: null,
        srcport: null,
        dstport: null,
        protocol: null,
        packets: null,
        bytes: null,
        start: window,
        end: windowEnd - random.int(1, 30),
        action: null,
        logStatus: "NODATA",
      });
    }
  }
  return records;
}

function attackerProbes(hourStart: number): FlowLogRecord[] {
  return ATTACKER_SSH_PROBES.map((probe) => ({ probe, start: Date.parse(probe.start) / 1000 }))
    .filter(({ start }) => start >= hourStart && start < hourStart + 3600)
    .map(({ probe, start }) => ({
      interfaceId: VPC.webServer.interfaceId,
      srcaddr: ATTACKER.ip,
      dstaddr: VPC.webServer.privateIp,
      srcport: probe.sourcePort,
      dstport: 22,
      protocol: TCP,
      packets: probe.packets,
      bytes: probe.bytes,
      start,
      end: start + 60,
      action: "REJECT" as const,
      logStatus: "OK" as const,
    }));
}

/** Flow log records of one hour of the VPC, ordered by capture start. */
export function generateFlowLogRecords(random: SeededRandom, hourStart: Date): FlowLogRecord[] {
  const start = hourStart.getTime() / 1000;
  const records = [
    ...webServerHour(random, start),
    ...ciRunnerHour(random, start, hourStart.getUTCHours()),
    ...attackerProbes(start),
  ];
  return records.sort((left, right) => left.start - right.start);
}

/** Formats a record as a text line, with `-` for a field that has no value. */
export function formatFlowLogLine(record: FlowLogRecord): string {
  const fields = [
    2,
    DEMO_ACCOUNT_ID,
    record.interfaceId,
    record.srcaddr,
    record.dstaddr,
    record.srcport,
    record.dstport,
    record.protocol,
    record.packets,
    record.bytes,
    record.start,
    record.end,
    record.action,
    record.logStatus,
  ];
  return fields.map((field) => (field === null ? "-" : String(field))).join(" ");
}
