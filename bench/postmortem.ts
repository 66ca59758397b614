/**
 * Measures how long a postmortem takes to render for an incident with
 * 100,000 CloudTrail events of one principal. Run: `npx tsx bench/postmortem.ts`
 * (optionally `--events N`). It starts a private embedded PostgreSQL in a
 * temporary folder, or uses the local server in BENCH_DATABASE_URL, creates a
 * database of its own and drops it afterwards.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db, disconnect, pgPool } from "@/lib/db/client";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";
import { logger } from "@/lib/log";
import { copyLine } from "@/lib/ingest/copy-text";
import { encodeRaw } from "@/lib/ingest/raw-codec";
import { generatePostmortem } from "@/lib/reports/generate-postmortem";
import { renderPostmortemPdf } from "@/lib/reports/render-postmortem-pdf";
import { assertLocalDatabaseUrl } from "@/tests/helpers/local-database-url";

const eventsFlag = process.argv.indexOf("--events");
const EVENTS = eventsFlag === -1 ? 100_000 : Number(process.argv[eventsFlag + 1]);
const RUNS = 3;
const PRINCIPAL = "arn:aws:iam::111122223333:user/service/bench-svc";
const STOLEN_KEY = "AKIABENCHSTOLENKEY01";
const ATTACKER_IP = "203.0.113.66";
const WINDOW_START = Date.parse("2026-11-17T00:00:00Z");
const WINDOW_MS = 6 * 3_600_000;
const EVENT_NAMES = Array.from({ length: 40 }, (_, index) => `BenchCall${String(index).padStart(2, "0")}`);

async function main(): Promise<void> {
  // Dropping the database at the end closes idle pool connections, which would each log a warning.
  logger.level = "error";
  const server = await openServer();
  const name = `watchfloor_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  try {
    await applyMigrations(url.toString());
    process.env.DATABASE_URL = url.toString();
    const seeded = performance.now();
    const incidentId = await seedIncident();
    process.stdout.write(`seeded ${EVENTS.toLocaleString("en-US")} events in ${ms(performance.now() - seeded)}\n`);
    await measure(incidentId);
  } finally {
    await disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await server.stop();
  }
}

async function openServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  const configured = process.env.BENCH_DATABASE_URL;
  if (configured) {
    assertLocalDatabaseUrl(configured);
    return { url: configured, stop: async () => undefined };
  }
  const dataDir = mkdtempSync(join(tmpdir(), "watchfloor-bench-"));
  const embedded = await startEmbeddedPostgres({ dataDir });
  const postgresUrl = new URL(embedded.url);
  postgresUrl.pathname = "/postgres";
  return {
    url: postgresUrl.toString(),
    stop: async () => {
      await embedded.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Seeds the principal, an incident with four signals and the events, written with COPY. */
async function seedIncident(): Promise<string> {
  const batchId = randomUUID();
  await copyEvents(batchId);
  await db().principal.create({
    data: { key: PRINCIPAL, type: "IAMUser", arn: PRINCIPAL, name: "bench-svc", firstSeen: new Date(WINDOW_START), lastSeen: new Date(WINDOW_START + WINDOW_MS), eventCount: EVENTS },
  });
  await db().accessKey.create({ data: { accessKeyId: STOLEN_KEY, principalKey: PRINCIPAL, firstSeen: new Date(WINDOW_START - 200 * 86_400_000) } });
  const at = (minutes: number) => new Date(WINDOW_START + 60 * 60_000 + minutes * 60_000);
  const incident = await db().incident.create({
    data: {
      title: "Bench incident",
      severity: "critical",
      status: "contained",
      score: 100,
      principalKey: PRINCIPAL,
      firstSeen: at(0),
      lastSeen: at(240),
      thresholdCrossedAt: at(10),
      containedAt: at(240),
    },
  });
  const phases = ["reconnaissance", "persistence", "privilege_escalation", "defense_evasion"];
  await db().signal.createMany({
    data: phases.map((phase, index) => ({
      ruleId: `bench-${phase}`,
      source: "cloudtrail",
      naturalId: `bench-event-${index * 1000}`,
      eventTime: at(index * 10),
      phase,
      severity: "high",
      score: 25,
      title: `Bench ${phase}`,
      principalKey: PRINCIPAL,
      accessKeyId: STOLEN_KEY,
      sourceIp: ATTACKER_IP,
      eventName: EVENT_NAMES[index] ?? null,
      details: {},
      incidentId: incident.id,
    })),
  });
  return incident.id;
}

async function copyEvents(batchId: string): Promise<void> {
  const raw = encodeRaw(Buffer.from('{"eventVersion":"1.09","eventSource":"s3.amazonaws.com"}'));
  const client = await pgPool().connect();
  try {
    const columns =
      "source, natural_id, event_time, event_name, event_source, principal_key, principal_arn, principal_type, " +
      "principal_name, access_key_id, source_ip, user_agent, error_code, batch_id, record_index, raw_codec, raw";
    const stream = client.query(copyFrom(`COPY events (${columns}) FROM STDIN`));
    await pipeline(Readable.from(eventLines(batchId, raw)), stream);
  } finally {
    client.release();
  }
}

function* eventLines(batchId: string, raw: { codec: number; data: Buffer }): Generator<string> {
  for (let index = 0; index < EVENTS; index += 1) {
    const fromAttacker = index % 100 === 0;
    yield copyLine([
      "cloudtrail",
      `bench-event-${index}`,
      new Date(WINDOW_START + Math.floor((index / EVENTS) * WINDOW_MS)),
      EVENT_NAMES[index % EVENT_NAMES.length] ?? "BenchCall",
      "s3.amazonaws.com",
      PRINCIPAL,
      PRINCIPAL,
      "IAMUser",
      "bench-svc",
      STOLEN_KEY,
      fromAttacker ? ATTACKER_IP : `198.51.100.${index % 200}`,
      "Boto3/1.34.131 md/Botocore#1.34.131 ua/2.0 lang/python#3.11.9",
      index % 97 === 0 ? "AccessDenied" : null,
      batchId,
      index,
      raw.codec,
      raw.data,
    ]);
  }
}

async function measure(incidentId: string): Promise<void> {
  const markdownTimes: number[] = [];
  const pdfTimes: number[] = [];
  let markdown = "";
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const postmortem = await generatePostmortem({ incidentId, actor: SYSTEM_ACTOR, regenerate: true });
    markdownTimes.push(performance.now() - started);
    markdown = postmortem.current.markdown;
    const pdfStarted = performance.now();
    await renderPostmortemPdf({ markdown, title: "Bench postmortem" });
    pdfTimes.push(performance.now() - pdfStarted);
  }
  process.stdout.write(
    `markdown (gather evidence, render, store): ${markdownTimes.map(ms).join(", ")}; median ${ms(median(markdownTimes))}\n` +
      `pdf (render only): ${pdfTimes.map(ms).join(", ")}; median ${ms(median(pdfTimes))}\n` +
      `markdown length ${markdown.length.toLocaleString("en-US")} characters\n`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

await main();
