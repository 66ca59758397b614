/**
 * The bulk-ingest benchmark: generates input, times PostgreSQL's COPY of the
 * ingest's own rows (the ceiling), times `watchfloor ingest` end to end on
 * the same files, and prints both with storage per million events.
 */
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { parseBenchOptions, type BenchOptions } from "./bench-options";
import { generateBenchData, type BenchData } from "./generate-bench-data";
import { currentLoad, readMachineInfo, readWalPosition } from "./machine-info";
import { measureCopyCeiling, type CopyRun } from "./measure-copy-ceiling";
import { measureDatabaseSize, measureEventIndexes } from "./measure-database-size";
import { printBenchReport, type IngestRun } from "./print-bench-report";
import { runCliIngest } from "./run-cli-ingest";
import { createScratchDatabases, type ScratchDatabases } from "./scratch-databases";
import { writeCopyFiles } from "./write-copy-files";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function measureCeilings(options: BenchOptions, data: BenchData, databases: ScratchDatabases): Promise<CopyRun[]> {
  const copyDir = join(options.dataDir, "copy");
  await mkdir(copyDir, { recursive: true });
  let started = performance.now();
  const parts = Math.max(...options.copyStreams) * 2;
  const copy = await writeCopyFiles({ files: data.cloudTrail.files, dir: copyDir, parts });
  say(`encoded ${copy.rows.toLocaleString("en")} rows for COPY in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const runs: CopyRun[] = [];
  for (const streams of options.copyStreams) {
    const url = await databases.create(`copy_${streams}`);
    started = performance.now();
    const run = await measureCopyCeiling({ databaseUrl: url, paths: copy.paths, rows: copy.rows, streams });
    say(`COPY, ${streams} stream(s): ${Math.round(run.rows / run.seconds).toLocaleString("en")} rows/s`);
    runs.push(run);
  }
  await rm(copyDir, { recursive: true, force: true });
  return runs;
}

async function measureIngest(data: BenchData, databases: ScratchDatabases): Promise<IngestRun> {
  const url = await databases.create("ingest");
  const walBefore = await readWalPosition(url);
  const loadBefore = currentLoad();
  const cloudTrail = await runCliIngest({ root: ROOT, dir: data.cloudTrailDir, databaseUrl: url });
  const walBytes = Number((await readWalPosition(url)) - walBefore);
  say(`ingest: ${Math.round(cloudTrail.summary.records / cloudTrail.seconds).toLocaleString("en")} records/s`);
  const size = await measureDatabaseSize(url);
  const indexes = await measureEventIndexes(url);
  const flows = await runCliIngest({ root: ROOT, dir: data.flowDir, databaseUrl: url });
  const flowSize = await measureDatabaseSize(url);
  return { cloudTrail, size, indexes, walBytes, flows, flowSize, load: [loadBefore, currentLoad()] };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  if (options === null) {
    return;
  }
  const machine = await readMachineInfo(options.serverUrl);
  let started = performance.now();
  const data = await generateBenchData(options);
  say(`${data.reused ? "reused" : "generated"} ${data.cloudTrail.files.length} CloudTrail files in ${options.dataDir} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const databases = await createScratchDatabases(options.serverUrl);
  try {
    const ceilings = await measureCeilings(options, data, databases);
    const ingest = await measureIngest(data, databases);
    printBenchReport({ options, machine, data, ceilings, ingest });
  } finally {
    if (!options.keepDatabases) {
      await databases.dropAll();
    }
    if (!options.keepData) {
      await rm(options.dataDir, { recursive: true, force: true });
    }
  }
}

await main();
