import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";

import { db, disconnect, pgPool } from "@/lib/db/client";
import { CloudTrailWorkerPool } from "@/lib/ingest/cloudtrail-worker-pool";
import { compiledWorker } from "@/lib/ingest/worker-bundle";
import { decodeRaw } from "@/lib/ingest/raw-codec";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";

import { useTestDatabase } from "../helpers/test-database";

const database = useTestDatabase();

const ACCOUNT = "111122223333";

function record(index: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAQEXAMPLEUSER0002",
      arn: `arn:aws:iam::${ACCOUNT}:user/ops/erin`,
      accountId: ACCOUNT,
      accessKeyId: "AKIAQEXAMPLEKEY00002",
      userName: "erin",
    },
    eventTime: `2024-04-02T09:${String(index % 60).padStart(2, "0")}:00Z`,
    eventSource: "s3.amazonaws.com",
    eventName: "ListBuckets",
    awsRegion: "eu-west-1",
    sourceIPAddress: "203.0.113.40",
    userAgent: "aws-cli/2.15.30",
    // Random text, so that the files stay large enough for a worker after gzip.
    requestParameters: { padding: randomBytes(600).toString("hex") },
    responseElements: null,
    eventID: `5c0ffee0-0000-4000-8000-${String(index).padStart(12, "0")}`,
    readOnly: true,
    eventType: "AwsApiCall",
    recipientAccountId: ACCOUNT,
    ...overrides,
  };
}

function write(root: string, relative: string, content: string | Buffer): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

/**
 * Writes a gzip delivery file, a JSON Lines export with broken records and a
 * truncated gzip file to a new folder, each over the 256 KiB from which files
 * are read in a worker thread, and a small delivery file under that size.
 */
function writeInputs(): string {
  const root = mkdtempSync(join(tmpdir(), "wf-workers-"));
  const delivery = { Records: Array.from({ length: 500 }, (_, index) => record(index)) };
  write(root, "delivery.json.gz", gzipSync(JSON.stringify(delivery)));
  const lines = [
    JSON.stringify(record(100_000)),
    JSON.stringify(record(100_001, { eventTime: 17 })),
    '{"eventVersion": "1.09", "eventID": ',
    JSON.stringify(record(100_002)),
    ...Array.from({ length: 300 }, (_, index) => JSON.stringify(record(200_000 + index))),
  ];
  write(root, "export.jsonl", `${lines.join("\n")}\n`);
  const truncated = gzipSync(JSON.stringify({ Records: Array.from({ length: 1_000 }, (_, index) => record(300_000 + index)) }));
  write(root, "truncated.json.gz", truncated.subarray(0, Math.floor(truncated.length / 2)));
  const whole = gzipSync(JSON.stringify({ Records: Array.from({ length: 500 }, (_, index) => record(500_000 + index)) }));
  // Without its 8-byte trailer, every record decompresses but the data cannot be checked.
  write(root, "no-trailer.json.gz", whole.subarray(0, whole.length - 8));
  for (const name of ["delivery.json.gz", "export.jsonl", "truncated.json.gz", "no-trailer.json.gz"]) {
    expect(statSync(join(root, name)).size, name).toBeGreaterThan(256 * 1024);
  }
  write(root, "small.json", JSON.stringify({ Records: Array.from({ length: 3 }, (_, index) => record(400_000 + index)) }));
  expect(statSync(join(root, "small.json")).size).toBeLessThan(256 * 1024);
  return root;
}

interface Outcome {
  counts: Pick<IngestSummary, "records" | "inserted" | "duplicates">;
  rejected: string[];
  events: string[];
  files: string[];
}

async function ingest(root: string, readInWorkers: boolean): Promise<Outcome> {
  const summary = await ingestPaths({ paths: [root], origin: "test", readInWorkers });
  const events = await pgPool().query<{ natural_id: string; record_index: number; principal_key: string; raw_codec: number; raw: Buffer }>(
    "SELECT natural_id, record_index, principal_key, raw_codec, raw FROM events ORDER BY natural_id",
  );
  const files = await db().ingestFile.findMany({ orderBy: { path: "asc" }, select: { path: true, status: true, records: true, inserted: true, rejected: true } });
  return {
    counts: { records: summary.records, inserted: summary.inserted, duplicates: summary.duplicates },
    rejected: summary.rejected.map((entry) => `${entry.file.slice(root.length)} ${entry.record} ${entry.field} ${entry.reason.replaceAll(root, "")}`).sort(),
    events: events.rows.map((row) => `${row.natural_id} ${row.record_index} ${row.principal_key} ${decodeRaw(row.raw_codec, row.raw).length}`),
    files: files.map((file) => `${file.path.slice(root.length)} ${file.status} ${file.records} ${file.inserted} ${file.rejected}`),
  };
}

/** Runs `task` against a second database cloned from the migrated template. */
async function inOtherDatabase<T>(task: () => Promise<T>): Promise<T> {
  const serverUrl = inject("testServerUrl");
  const name = `${new URL(database.url()).pathname.slice(1)}_other`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("testTemplateDatabase")}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await disconnect();
  process.env.DATABASE_URL = url.toString();
  try {
    return await task();
  } finally {
    await disconnect();
    process.env.DATABASE_URL = database.url();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

describe("CloudTrail files read in worker threads", () => {
  let root: string;
  let inWorkers: Outcome;
  let onThread: Outcome;
  let filesInWorkers: string[] = [];

  beforeAll(async () => {
    root = writeInputs();
    const reads = vi.spyOn(CloudTrailWorkerPool.prototype, "ingest");
    inWorkers = await ingest(root, true);
    filesInWorkers = reads.mock.calls.map(([context]) => context.label.slice(root.length)).sort();
    reads.mockRestore();
    onThread = await inOtherDatabase(() => ingest(root, false));
  }, 60_000);

  afterAll(async () => {
    await disconnect();
  });

  it("read every large file", () => {
    expect(filesInWorkers).toEqual(["/delivery.json.gz", "/export.jsonl", "/no-trailer.json.gz", "/truncated.json.gz"]);
  });

  it("load the compiled worker module", () => {
    expect(compiledWorker("lib/ingest/cloudtrail-worker.ts")?.pathname).toMatch(/\/node_modules\/\.cache\/watchfloor\/lib-ingest-cloudtrail-worker-ts\.mjs$/);
  });

  it("leave small files to the calling thread", () => {
    expect(filesInWorkers).not.toContain("/small.json");
    expect(inWorkers.files).toContain("/small.json complete 3 3 0");
  });

  it("match the calling thread", () => {
    expect(inWorkers).toEqual(onThread);
  });

  it("reject bad records with reasons", () => {
    expect(inWorkers.files.map((file) => file.split(" ").slice(0, 2).join(" "))).toEqual([
      "/delivery.json.gz complete",
      "/export.jsonl complete",
      "/no-trailer.json.gz incomplete",
      "/small.json complete",
      "/truncated.json.gz incomplete",
    ]);
    const ids = inWorkers.events.map((event) => event.split(" ")[0]);
    expect(ids).toContain(record(100_000).eventID);
    expect(ids).toContain(record(100_002).eventID);
    expect(ids).not.toContain(record(100_001).eventID);
    expect(inWorkers.rejected.some((reason) => reason.startsWith("/export.jsonl 1 ") && reason.includes("eventTime"))).toBe(true);
    expect(inWorkers.rejected.some((reason) => reason.startsWith("/export.jsonl 2 ") && reason.includes("invalid JSON"))).toBe(true);
    expect(inWorkers.rejected.some((reason) => reason.startsWith("/truncated.json.gz ") && /gzip|truncated|unexpected end/i.test(reason))).toBe(true);
    const noTrailer = inWorkers.rejected.filter((reason) => reason.startsWith("/no-trailer.json.gz "));
    expect(noTrailer).toHaveLength(1);
    expect(noTrailer[0]).toMatch(/ends before its 8-byte trailer/);
    expect(noTrailer[0]).not.toContain("Stopped reading the file");
    expect(inWorkers.counts.inserted).toBe(inWorkers.events.length);
    expect(inWorkers.events.filter((event) => event.startsWith("5c0ffee0-0000-4000-8000-000000000"))).toHaveLength(500);
  });
});
