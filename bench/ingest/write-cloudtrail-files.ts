/**
 * Writes generated CloudTrail delivery files as CloudTrail lays them out in
 * S3: AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_
 * <region>_<YYYYMMDDTHHmmZ>_<random>.json.gz, each one `{"Records":[...]}`.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

import { buildPopulation, type GeneratedPrincipal, type Population } from "./cloudtrail-population";
import { generateCloudTrailRecord } from "./generate-cloudtrail-record";
import { SeededRandom } from "./seeded-random";

const gzipAsync = promisify(gzip);

export interface WriteCloudTrailOptions {
  dir: string;
  records: number;
  recordsPerFile: number;
  /** Days of activity the records are spread over, starting at `start`. */
  days: number;
  start: Date;
  /** Share of records that are a second delivery of an earlier record, as an organisation trail produces. */
  duplicateRate: number;
  seed: number;
}

export interface GeneratedFiles {
  files: string[];
  records: number;
  duplicates: number;
  jsonBytes: number;
  gzipBytes: number;
}

interface Slot {
  accountId: string;
  region: string;
  weight: number;
  principals: GeneratedPrincipal[];
}

function slotsOf(population: Population): Slot[] {
  return population.accounts.flatMap((accountId) =>
    population.regions.map((region) => ({
      accountId,
      region: region.name,
      weight: region.weight,
      principals: population.principals.filter((principal) => principal.accountId === accountId),
    })),
  );
}

/** Spreads `files` over the slots in proportion to their weight, at least one each when possible. */
function filesPerSlot(slots: Slot[], files: number): number[] {
  const total = slots.reduce((sum, slot) => sum + slot.weight, 0);
  const counts = slots.map((slot) => Math.floor((files * slot.weight) / total));
  let left = files - counts.reduce((sum, count) => sum + count, 0);
  for (let index = 0; left > 0; index = (index + 1) % slots.length, left--) {
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

function compactTime(time: Date): string {
  return time.toISOString().replace(/[-:]/g, "").slice(0, 13) + "Z";
}

function filePath(dir: string, slot: Slot, time: Date, random: SeededRandom): string {
  const [year, month, day] = time.toISOString().slice(0, 10).split("-") as [string, string, string];
  const folder = join(dir, "AWSLogs", slot.accountId, "CloudTrail", slot.region, year, month, day);
  return join(folder, `${slot.accountId}_CloudTrail_${slot.region}_${compactTime(time)}_${random.alnum(16)}.json.gz`);
}

interface FilePlan {
  slot: Slot;
  from: number;
  to: number;
  records: number;
}

function planFiles(options: WriteCloudTrailOptions, slots: Slot[]): FilePlan[] {
  const fileCount = Math.max(1, Math.ceil(options.records / options.recordsPerFile));
  const counts = filesPerSlot(slots, fileCount);
  const span = options.days * 86_400_000;
  const plans: FilePlan[] = [];
  slots.forEach((slot, slotIndex) => {
    const count = counts[slotIndex] ?? 0;
    for (let index = 0; index < count; index++) {
      const from = options.start.getTime() + (span * index) / count;
      plans.push({ slot, from, to: from + span / count, records: 0 });
    }
  });
  plans.sort((a, b) => a.from - b.from);
  let left = options.records;
  for (const plan of plans) {
    plan.records = Math.min(options.recordsPerFile, left);
    left -= plan.records;
  }
  return plans.filter((plan) => plan.records > 0);
}

/** Generates and writes the delivery files; returns what was written. */
export async function writeCloudTrailFiles(options: WriteCloudTrailOptions): Promise<GeneratedFiles> {
  const random = new SeededRandom(options.seed);
  const population = buildPopulation(random);
  const result: GeneratedFiles = { files: [], records: 0, duplicates: 0, jsonBytes: 0, gzipBytes: 0 };
  const recent: string[] = [];
  for (const plan of planFiles(options, slotsOf(population))) {
    const times = Array.from({ length: plan.records }, () => plan.from + random.next() * (plan.to - plan.from)).sort((a, b) => a - b);
    const parts: string[] = [];
    for (const time of times) {
      if (recent.length > 0 && random.chance(options.duplicateRate)) {
        parts.push(random.pick(recent));
        result.duplicates += 1;
        continue;
      }
      const principal = random.weighted(plan.slot.principals, (candidate) => candidate.weight);
      const json = JSON.stringify(generateCloudTrailRecord(random, population, principal, new Date(time), plan.slot.region));
      parts.push(json);
      if (recent.length < 1_000) {
        recent.push(json);
      } else {
        recent[random.int(recent.length)] = json;
      }
    }
    const body = Buffer.from(`{"Records":[${parts.join(",")}]}`, "utf8");
    const path = filePath(options.dir, plan.slot, new Date(plan.from), random);
    const compressed = await gzipAsync(body);
    await mkdir(join(path, ".."), { recursive: true });
    await writeFile(path, compressed);
    result.files.push(path);
    result.records += plan.records;
    result.jsonBytes += body.length;
    result.gzipBytes += compressed.length;
  }
  return result;
}
