import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

/** Settings of one benchmark run, from the command line described in docs/benchmarks.md. */
export interface BenchOptions {
  records: number;
  flowRecords: number;
  recordsPerFile: number;
  days: number;
  duplicateRate: number;
  seed: number;
  /** Folder of the generated files, reused by a run with the same generator options. */
  dataDir: string;
  /** PostgreSQL server URL; each measurement gets a fresh database on it. */
  serverUrl: string;
  /** Parallel COPY streams tried for the ceiling. */
  copyStreams: number[];
  /** Keep the generated files (they are reused by a later run with the same options). */
  keepData: boolean;
  /** Keep the scratch databases too, for inspection. */
  keepDatabases: boolean;
  /** Whether the run also times a 1-stream COPY of the same rows with the raw record as jsonb, as a reference. */
  jsonbReference: boolean;
}

const HELP = `Usage: node bench/ingest.mjs [options]

Generates CloudTrail and VPC flow log files, ingests them with
\`watchfloor ingest --json\` into a fresh database, loads the same rows with
PostgreSQL's COPY into another fresh database, and prints both rates.

  --records N           CloudTrail records to generate (default 200000)
  --flow-records N      VPC flow records to generate (default records / 10)
  --records-per-file N  records per delivery file (default 10000)
  --days N              days of activity the records span (default 7)
  --duplicate-rate R    share of records delivered twice (default 0.002)
  --seed N              generator seed (default 1)
  --data DIR            folder for the generated files (default under the temp folder)
  --server URL          PostgreSQL server (default postgresql://postgres@127.0.0.1:5432/postgres)
  --copy-streams LIST   parallel COPY streams to time, comma-separated (default 1,2)
  --keep-data           keep the generated files for a later run with the same options
  --keep-databases      keep the scratch databases (named wf_bench_*) for inspection
  --no-jsonb-reference  skip the reference COPY of the same rows with the raw
                        record as jsonb, run after the ingest
`;

function positive(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) {
    return fallback;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`--${name} must be a non-negative number, got "${text}"`);
  }
  return value;
}

/** Parses the command line; returns null when help was printed. */
export function parseBenchOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      records: { type: "string" },
      "flow-records": { type: "string" },
      "records-per-file": { type: "string" },
      days: { type: "string" },
      "duplicate-rate": { type: "string" },
      seed: { type: "string" },
      data: { type: "string" },
      server: { type: "string" },
      "copy-streams": { type: "string" },
      "keep-data": { type: "boolean", default: false },
      "keep-databases": { type: "boolean", default: false },
      "no-jsonb-reference": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return null;
  }
  const records = Math.floor(positive("records", values.records, 200_000));
  const seed = Math.floor(positive("seed", values.seed, 1));
  return {
    records,
    flowRecords: Math.floor(positive("flow-records", values["flow-records"], Math.floor(records / 10))),
    recordsPerFile: Math.max(1, Math.floor(positive("records-per-file", values["records-per-file"], 10_000))),
    days: Math.max(1, positive("days", values.days, 7)),
    duplicateRate: positive("duplicate-rate", values["duplicate-rate"], 0.002),
    seed,
    dataDir: values.data ?? join(tmpdir(), `watchfloor-bench-${records}-${seed}`),
    serverUrl: values.server ?? "postgresql://postgres@127.0.0.1:5432/postgres",
    copyStreams: (values["copy-streams"] ?? "1,2").split(",").map((item) => Math.max(1, Math.floor(positive("copy-streams", item, 1)))),
    keepData: values["keep-data"],
    keepDatabases: values["keep-databases"],
    jsonbReference: !values["no-jsonb-reference"],
  };
}
