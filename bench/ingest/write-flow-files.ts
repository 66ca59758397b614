/**
 * Writes generated VPC flow log files in the default version 2 format with the
 * header line S3 delivery adds (Amazon VPC User Guide, "Flow log records"),
 * laid out as AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/<account>_
 * vpcflowlogs_<region>_<flow log id>_<YYYYMMDDTHHmmZ>_<hash>.log.gz.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

import { ACCOUNTS, randomAddress } from "./cloudtrail-population";
import { SeededRandom } from "./seeded-random";

const gzipAsync = promisify(gzip);

const HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
const PORTS = [443, 443, 443, 80, 22, 3389, 5432, 3306, 53, 8080];

export interface WriteFlowOptions {
  dir: string;
  records: number;
  recordsPerFile: number;
  start: Date;
  seed: number;
}

export interface GeneratedFlowFiles {
  files: string[];
  records: number;
}

function flowLine(random: SeededRandom, accountId: string, eni: string, time: number): string {
  const start = Math.floor(time / 1000);
  if (random.chance(0.01)) {
    return `2 ${accountId} ${eni} - - - - - - - ${start} ${start + 60} - NODATA`;
  }
  const inbound = random.chance(0.5);
  const local = `10.0.${random.int(256)}.${1 + random.int(254)}`;
  const remote = random.chance(0.6) ? `10.${random.int(4)}.${random.int(256)}.${1 + random.int(254)}` : randomAddress(random);
  const port = random.pick(PORTS);
  const ephemeral = 32_768 + random.int(28_000);
  const [src, dst, srcPort, dstPort] = inbound ? [remote, local, ephemeral, port] : [local, remote, ephemeral, port];
  const packets = 1 + random.int(500);
  const action = random.chance(0.08) ? "REJECT" : "ACCEPT";
  return `2 ${accountId} ${eni} ${src} ${dst} ${srcPort} ${dstPort} 6 ${packets} ${packets * (40 + random.int(1400))} ${start} ${start + 60} ${action} OK`;
}

/** Generates and writes the flow log files; returns what was written. */
export async function writeFlowFiles(options: WriteFlowOptions): Promise<GeneratedFlowFiles> {
  const random = new SeededRandom(options.seed);
  const result: GeneratedFlowFiles = { files: [], records: 0 };
  const fileCount = Math.max(1, Math.ceil(options.records / options.recordsPerFile));
  const flowLogId = `fl-0${random.hex(16)}`;
  for (let index = 0; index < fileCount; index++) {
    const accountId = ACCOUNTS[index % ACCOUNTS.length] as string;
    const count = Math.min(options.recordsPerFile, options.records - result.records);
    const from = options.start.getTime() + index * 300_000;
    const enis = Array.from({ length: 20 }, () => `eni-0${random.hex(16)}`);
    const lines = [HEADER];
    for (let line = 0; line < count; line++) {
      lines.push(flowLine(random, accountId, random.pick(enis), from + random.int(300_000)));
    }
    const time = new Date(from);
    const [year, month, day] = time.toISOString().slice(0, 10).split("-") as [string, string, string];
    const stamp = time.toISOString().replace(/[-:]/g, "").slice(0, 13) + "Z";
    const folder = join(options.dir, "AWSLogs", accountId, "vpcflowlogs", "us-east-1", year, month, day);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${accountId}_vpcflowlogs_us-east-1_${flowLogId}_${stamp}_${random.hex(8)}.log.gz`);
    await writeFile(path, await gzipAsync(Buffer.from(`${lines.join("\n")}\n`)));
    result.files.push(path);
    result.records += count;
  }
  return result;
}
