/**
 * Generates the benchmark's input files once per set of options: a manifest
 * beside them records the options, so a second run with the same options
 * reuses the files instead of writing them again.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

import type { BenchOptions } from "./bench-options";
import { writeCloudTrailFiles, type GeneratedFiles } from "./write-cloudtrail-files";
import { writeFlowFiles } from "./write-flow-files";

export interface BenchData {
  cloudTrailDir: string;
  flowDir: string;
  cloudTrail: GeneratedFiles;
  flowRecords: number;
  reused: boolean;
}

const START = new Date("2024-07-10T00:00:00Z");
const MANIFEST_VERSION = 1;

function manifestKey(options: BenchOptions): string {
  return JSON.stringify({
    version: MANIFEST_VERSION,
    records: options.records,
    flowRecords: options.flowRecords,
    recordsPerFile: options.recordsPerFile,
    days: options.days,
    duplicateRate: options.duplicateRate,
    seed: options.seed,
  });
}

export async function generateBenchData(options: BenchOptions): Promise<BenchData> {
  const cloudTrailDir = join(options.dataDir, "cloudtrail");
  const flowDir = join(options.dataDir, "vpcflow");
  const manifestPath = join(options.dataDir, "manifest.json");
  const key = manifestKey(options);
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { key: string; data: BenchData };
    if (manifest.key === key) {
      return { ...manifest.data, reused: true };
    }
  }
  await rm(options.dataDir, { recursive: true, force: true });
  await mkdir(options.dataDir, { recursive: true });
  const cloudTrail = await writeCloudTrailFiles({
    dir: cloudTrailDir,
    records: options.records,
    recordsPerFile: options.recordsPerFile,
    days: options.days,
    start: START,
    duplicateRate: options.duplicateRate,
    seed: options.seed,
  });
  const flows = await writeFlowFiles({
    dir: flowDir,
    records: options.flowRecords,
    recordsPerFile: options.recordsPerFile,
    start: START,
    seed: options.seed + 1,
  });
  const data: BenchData = { cloudTrailDir, flowDir, cloudTrail, flowRecords: flows.records, reused: false };
  await writeFile(manifestPath, JSON.stringify({ key, data }));
  return data;
}
