/**
 * The bulk-ingest benchmark: generates input, times PostgreSQL's COPY of the
 * ingest's own rows (the ceiling), times `watchfloor ingest` end to end on
 * the same files, times a COPY of the same rows with the raw record as jsonb
 * (a reference), and prints them with storage per million events.
 */
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { parseBenchOptions, type BenchOptions } from "./bench-options";
import { generateBenchData, type BenchData } from "./generate-bench-data";
import { createJsonbReferenceTable, encodeJsonbReferenceRows, JSONB_REFERENCE_TABLE } from "./jsonb-reference";
import { currentLoad, readMachineInfo, readWalPosition } from "./machine-info";
import { measureCopyCeiling, type CopyRun } from "./measure-copy-ceiling";
import { measureDatabaseSize, measureEventIndexes, measureTableSize } from "./measure-database-size";
import { printBenchReport, type IngestRun, type JsonbReferenceRun } from "./print-bench-report";
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

/**
 * Times a 1-stream COPY of the same unique rows into a copy of `events` whose
 * raw record is jsonb. It runs after the ingest, so that its load on the
 * server (its writes, then autovacuum of the new table) does not overlap the
 * ingest being timed.
 */
async function measureJsonbReference(options: BenchOptions, data: BenchData, databases: ScratchDatabases): Promise<JsonbReferenceRun> {
  const copyDir = join(options.dataDir, "copy-jsonb-reference");
  await mkdir(copyDir, { recursive: true });
  try {
    const started = performance.now();
    const copy = await writeCopyFiles({
      files: data.cloudTrail.files,
      dir: copyDir,
      parts: 1,
      encodeRows: encodeJsonbReferenceRows,
      fileNamePrefix: JSONB_REFERENCE_TABLE,
    });
    const mib = (copy.bytes / 1024 ** 2).toFixed(0);
    say(`encoded ${copy.rows.toLocaleString("en")} rows with the raw record as jsonb for COPY (${mib} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const url = await databases.create("jsonb_reference");
    await createJsonbReferenceTable(url);
    const run = await measureCopyCeiling({ databaseUrl: url, paths: copy.paths, rows: copy.rows, streams: 1, table: JSONB_REFERENCE_TABLE });
    say(`COPY into ${JSONB_REFERENCE_TABLE}, 1 stream: ${Math.round(run.rows / run.seconds).toLocaleString("en")} rows/s`);
    const size = await measureTableSize(url, JSONB_REFERENCE_TABLE);
    return { ...run, size };
  } finally {
    if (!options.keepData) {
      await rm(copyDir, { recursive: true, force: true });
    }
  }
}

/**
 * Returns null, and sets exit status 1, when the reference COPY fails, so that
 * the figures measured before it are still printed.
 */
async function tryMeasureJsonbReference(options: BenchOptions, data: BenchData, databases: ScratchDatabases): Promise<JsonbReferenceRun | null> {
  try {
    return await measureJsonbReference(options, data, databases);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`The reference COPY into ${JSONB_REFERENCE_TABLE} failed: ${message}. The report leaves it out.\n`);
    process.exitCode = 1;
    return null;
  }
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
    const jsonbReference = options.jsonbReference ? await tryMeasureJsonbReference(options, data, databases) : null;
    printBenchReport({ options, machine, data, ceilings, ingest, jsonbReference });
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
