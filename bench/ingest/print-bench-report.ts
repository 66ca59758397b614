/** Prints the benchmark's figures as aligned text, then as one JSON line for scripts. */
import type { BenchOptions } from "./bench-options";
import type { BenchData } from "./generate-bench-data";
import type { MachineInfo } from "./machine-info";
import type { CopyRun } from "./measure-copy-ceiling";
import type { DatabaseSize, TableSize } from "./measure-database-size";
import type { CliIngestResult } from "./run-cli-ingest";

export interface IngestRun {
  cloudTrail: CliIngestResult;
  size: DatabaseSize;
  indexes: Array<{ index: string; bytes: number }>;
  walBytes: number;
  flows: CliIngestResult;
  flowSize: DatabaseSize;
  /** One-minute load average before and after the CloudTrail ingest. */
  load: [number, number];
}

/** The reference COPY into a copy of `events` whose raw record is jsonb, and that table's size after it. */
export interface JsonbReferenceRun extends CopyRun {
  size: TableSize;
}

export interface BenchReport {
  options: BenchOptions;
  machine: MachineInfo;
  data: BenchData;
  ceilings: CopyRun[];
  ingest: IngestRun;
  /** Null when skipped with --no-jsonb-reference or when it failed. */
  jsonbReference: JsonbReferenceRun | null;
}

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

function rate(count: number, seconds: number): number {
  return Math.round(count / seconds);
}

function number(value: number): string {
  return value.toLocaleString("en");
}

function line(text = ""): void {
  process.stdout.write(`${text}\n`);
}

function printCeilings(report: BenchReport): void {
  line("COPY of the same rows into events (binary, fresh database, same indexes):");
  for (const run of report.ceilings) {
    line(`  ${run.streams} stream(s): ${number(run.rows)} rows in ${run.seconds.toFixed(1)} s = ${number(rate(run.rows, run.seconds))} rows/s`);
  }
}

function gibPerMillionRows(bytes: number, rows: number): number {
  return (bytes / GIB) * (1_000_000 / Math.max(rows, 1));
}

function printJsonbReference(reference: JsonbReferenceRun): void {
  const { size } = reference;
  line(`reference: COPY with the raw record as jsonb, ${reference.streams} stream: ${number(reference.rows)} rows in ${reference.seconds.toFixed(1)} s = ${number(rate(reference.rows, reference.seconds))} rows/s`);
  line(`  ${size.table}: heap ${(size.heapBytes / MIB).toFixed(1)} MiB, toast ${(size.toastBytes / MIB).toFixed(1)} MiB, indexes ${(size.indexBytes / MIB).toFixed(1)} MiB, total ${(size.totalBytes / MIB).toFixed(1)} MiB = ${gibPerMillionRows(size.totalBytes, size.rows).toFixed(3)} GiB per million rows`);
}

function printIngest(report: BenchReport): void {
  const { cloudTrail } = report.ingest;
  const { summary } = cloudTrail;
  const ingestRate = rate(summary.records, cloudTrail.seconds);
  line("`watchfloor ingest --json` of the CloudTrail files, end to end:");
  line(`  ${number(summary.records)} records (${number(summary.inserted)} stored, ${number(summary.duplicates)} duplicates, ${summary.rejected.length} rejected) in ${cloudTrail.seconds.toFixed(1)} s = ${number(ingestRate)} records/s`);
  const phases = cloudTrail.phases;
  if (phases !== null) {
    line(`  phases: startup ${phases.startup.toFixed(1)} s, files ${phases.files.toFixed(1)} s (${number(rate(summary.records, phases.files))} records/s), detection ${phases.detection.toFixed(1)} s, correlation and exit ${phases.finish.toFixed(1)} s`);
  }
  const peaks = cloudTrail.phasePeakRssBytes;
  const byPhase = peaks === null ? "" : ` (files phase ${(peaks.files / MIB).toFixed(0)} MiB, detection ${(peaks.detection / MIB).toFixed(0)} MiB)`;
  line(`  exit status ${cloudTrail.exitCode}, CPU ${cloudTrail.cpuSeconds?.toFixed(1) ?? "?"} s, peak RSS ${cloudTrail.peakRssBytes === null ? "?" : (cloudTrail.peakRssBytes / MIB).toFixed(0)} MiB${byPhase}`);
  line(`  one-minute load average ${report.ingest.load.map((value) => value.toFixed(1)).join(" before, ")} after`);
  for (const run of report.ceilings) {
    const ceiling = rate(run.rows, run.seconds);
    const filesRatio = phases === null ? "" : `; files phase alone ${((100 * rate(summary.records, phases.files)) / ceiling).toFixed(0)} %`;
    line(`  ratio to COPY with ${run.streams} stream(s): end to end ${((100 * ingestRate) / ceiling).toFixed(0)} %${filesRatio}`);
  }
  const reference = report.jsonbReference;
  if (reference !== null) {
    const referenceRate = rate(reference.rows, reference.seconds);
    const filesRatio = phases === null ? "" : `; files phase alone ${((100 * rate(summary.records, phases.files)) / referenceRate).toFixed(0)} %`;
    line(`  ratio to the reference COPY with the raw record as jsonb (not the ceiling): end to end ${((100 * ingestRate) / referenceRate).toFixed(0)} %${filesRatio}`);
  }
}

function printStorage(report: BenchReport): void {
  const { size, indexes, walBytes } = report.ingest;
  const events = size.tables.find((table) => table.table === "events")?.rows ?? 0;
  const perMillion = (bytes: number) => `${((bytes / GIB) * (1_000_000 / Math.max(events, 1))).toFixed(3)} GiB`;
  line(`Storage after the CloudTrail ingest (${number(events)} events), per million events:`);
  line(`  ${"table".padEnd(18)} ${"rows".padStart(10)} ${"heap MiB".padStart(9)} ${"toast".padStart(7)} ${"indexes".padStart(8)} ${"total".padStart(8)}   per 1M events`);
  for (const table of size.tables.filter((item) => item.totalBytes > 16 * 1024)) {
    line(`  ${table.table.padEnd(18)} ${number(table.rows).padStart(10)} ${(table.heapBytes / MIB).toFixed(1).padStart(9)} ${(table.toastBytes / MIB).toFixed(1).padStart(7)} ${(table.indexBytes / MIB).toFixed(1).padStart(8)} ${(table.totalBytes / MIB).toFixed(1).padStart(8)}   ${perMillion(table.totalBytes)}`);
  }
  line(`  events indexes: ${indexes.map((index) => `${index.index} ${(index.bytes / MIB).toFixed(1)}`).join(", ")} (MiB)`);
  line(`  database: ${(size.databaseBytes / MIB).toFixed(0)} MiB = ${perMillion(size.databaseBytes)} per million events`);
  line(`  WAL written during the ingest: ${(walBytes / MIB).toFixed(0)} MiB = ${perMillion(walBytes)} per million events (whole server)`);
}

function printFlows(report: BenchReport): void {
  const { flows, flowSize } = report.ingest;
  const table = flowSize.tables.find((item) => item.table === "flow_records");
  line("`watchfloor ingest --json` of the VPC flow log files:");
  line(`  ${number(flows.summary.records)} records in ${flows.seconds.toFixed(1)} s = ${number(rate(flows.summary.records, flows.seconds))} records/s; flow_records ${((table?.totalBytes ?? 0) / MIB).toFixed(0)} MiB`);
}

function jsonbReferenceJson(reference: JsonbReferenceRun | null): object | null {
  if (reference === null) {
    return null;
  }
  const { size } = reference;
  return {
    table: size.table,
    streams: reference.streams,
    rows: reference.rows,
    seconds: reference.seconds,
    tableBytes: size.totalBytes,
    heapBytes: size.heapBytes,
    toastBytes: size.toastBytes,
    indexBytes: size.indexBytes,
    gibPerMillionRows: gibPerMillionRows(size.totalBytes, size.rows),
  };
}

export function printBenchReport(report: BenchReport): void {
  const { machine, data } = report;
  line();
  line(`Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
  line(`Input: ${number(data.cloudTrail.records)} CloudTrail records (${number(data.cloudTrail.duplicates)} delivered twice) in ${data.cloudTrail.files.length} files, ${(data.cloudTrail.gzipBytes / MIB).toFixed(0)} MiB gzip, ${(data.cloudTrail.jsonBytes / MIB).toFixed(0)} MiB JSON; ${number(data.flowRecords)} flow records`);
  printCeilings(report);
  if (report.jsonbReference !== null) {
    printJsonbReference(report.jsonbReference);
  }
  printIngest(report);
  printStorage(report);
  printFlows(report);
  const { summary: _flowSummary, ...flows } = report.ingest.flows;
  const { summary, ...cloudTrail } = report.ingest.cloudTrail;
  line(`BENCH_JSON ${JSON.stringify({
    machine,
    input: { records: data.cloudTrail.records, duplicates: data.cloudTrail.duplicates, files: data.cloudTrail.files.length, gzipBytes: data.cloudTrail.gzipBytes, jsonBytes: data.cloudTrail.jsonBytes },
    ceilings: report.ceilings,
    ingest: { ...cloudTrail, records: summary.records, inserted: summary.inserted, duplicates: summary.duplicates, rejected: summary.rejected.length },
    size: report.ingest.size,
    indexes: report.ingest.indexes,
    walBytes: report.ingest.walBytes,
    flows: { ...flows, records: report.ingest.flows.summary.records },
    jsonbReference: jsonbReferenceJson(report.jsonbReference),
  })}`);
}
