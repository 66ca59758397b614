/**
 * Sample CloudTrail records for training and checking the raw dictionary.
 * Generated ones come from organisations with other seeds and account ids
 * than the benchmark input, so that none of its principals or accounts enter
 * the dictionary. The public samples are read when present.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { buildPopulation } from "../ingest/cloudtrail-population";
import { generateCloudTrailRecord } from "../ingest/generate-cloudtrail-record";
import { SeededRandom } from "../ingest/seeded-random";

/** Records from `organisations` generated organisations, `perOrganisation` each. */
export function generatedSamples(options: { seed: number; organisations: number; perOrganisation: number }): Buffer[] {
  const samples: Buffer[] = [];
  for (let organisation = 0; organisation < options.organisations; organisation++) {
    const random = new SeededRandom(options.seed + organisation);
    const accounts = [0, 1, 2].map(() => String(100_000_000_000 + random.int(899_999_999_999)));
    const population = buildPopulation(random, accounts);
    const start = Date.UTC(2025, random.int(12), 1 + random.int(28));
    for (let index = 0; index < options.perOrganisation; index++) {
      const principal = random.weighted(population.principals, (candidate) => candidate.weight);
      const region = random.weighted(population.regions, (item) => item.weight).name;
      const record = generateCloudTrailRecord(random, population, principal, new Date(start + index * 7_000), region);
      samples.push(Buffer.from(JSON.stringify(record), "utf8"));
    }
  }
  return samples;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function recordsOf(text: string): unknown[] {
  try {
    const value = JSON.parse(text) as unknown;
    const records = (value as { Records?: unknown }).Records ?? value;
    return Array.isArray(records) ? records : [records];
  } catch {
    // JSON Lines, as some sample sets are; Panther's wrap each record in `log`.
    return text.split("\n").flatMap((line) => {
      try {
        const value = JSON.parse(line) as { log?: unknown };
        return [value.log ?? value];
      } catch {
        return [];
      }
    });
  }
}

/** Public CloudTrail records under `dir`, re-serialised compactly as CloudTrail delivers them; empty when `dir` is absent. */
export function publicSamples(dir: string): Buffer[] {
  if (!existsSync(dir)) {
    return [];
  }
  return filesUnder(dir)
    .flatMap((file) => recordsOf(readFileSync(file, "utf8")))
    .filter((record) => typeof record === "object" && record !== null && "eventID" in record)
    .map((record) => Buffer.from(JSON.stringify(record), "utf8"));
}
