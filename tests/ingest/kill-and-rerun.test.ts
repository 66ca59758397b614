import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";

import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { createExtraDatabase } from "../helpers/create-extra-database";
import { useTestDatabase } from "../helpers/test-database";

const killed = useTestDatabase();

/** Six 2,000-row chunks: the kill lands after the first commits, well before the end. */
const RECORDS = 12_000;
const ROOT = join(import.meta.dirname, "../..");

interface Fingerprint {
  events: number;
  eventsHash: string;
  baselineEntries: number;
  baselineHash: string;
  principalsHash: string;
  signals: number;
}

async function fingerprint(url: string): Promise<Fingerprint> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const events = await client.query<{ count: number; hash: string }>(
      `SELECT count(*)::int AS count, md5(string_agg(natural_id || '|' || event_time::text || '|' ||
         coalesce(principal_key, '') || '|' || md5(raw), ',' ORDER BY natural_id)) AS hash FROM events`,
    );
    const baselines = await client.query<{ count: number; hash: string }>(
      `SELECT count(*)::int AS count, md5(string_agg(principal_key || '|' || dimension || '|' || value || '|' || count ||
         '|' || first_seen::text || '|' || last_seen::text, ',' ORDER BY principal_key, dimension, value)) AS hash
       FROM baseline_entries`,
    );
    const principals = await client.query<{ hash: string }>(
      `SELECT md5(string_agg(key || '|' || event_count || '|' || first_seen::text || '|' || last_seen::text, ',' ORDER BY key)) AS hash
       FROM principals`,
    );
    const signals = await client.query<{ count: number }>("SELECT count(*)::int AS count FROM signals");
    return {
      events: events.rows[0].count,
      eventsHash: events.rows[0].hash,
      baselineEntries: baselines.rows[0].count,
      baselineHash: baselines.rows[0].hash,
      principalsHash: principals.rows[0].hash,
      signals: signals.rows[0].count,
    };
  } finally {
    await client.end();
  }
}

async function countEvents(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ count: number }>("SELECT count(*)::int AS count FROM events")).rows[0].count;
  } finally {
    await client.end();
  }
}

async function batchesOf(url: string): Promise<Array<{ status: string; owner_pid: number | null }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ status: string; owner_pid: number | null }>(
      "SELECT status, owner_pid FROM ingest_batches ORDER BY started_at",
    );
    return result.rows;
  } finally {
    await client.end();
  }
}

function startIngest(url: string, file: string) {
  return spawn(process.execPath, ["bin/watchfloor.mjs", "ingest", "--json", file], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, WATCHFLOOR_LOG_LEVEL: "error" },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function runIngest(url: string, file: string): Promise<number | null> {
  const child = startIngest(url, file);
  const [code] = (await once(child, "exit")) as [number | null];
  return code;
}

async function writeLargeFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  out.write('{"Records":[');
  for (let n = 0; n < RECORDS; n++) {
    const ok = out.write(`${n === 0 ? "" : ","}${JSON.stringify(makeAssumedRoleRecord(100_000 + n))}`);
    if (!ok) {
      await once(out, "drain");
    }
  }
  out.end("]}");
  await once(out, "finish");
}

describe("ingest killed mid-file", () => {
  let file: string;
  let clean: { url: string; drop: () => Promise<void> };
  let countAtKill = 0;
  let killedPid: number | undefined;

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), "watchfloor-kill-")), "large.json");
    await writeLargeFile(file);
    clean = await createExtraDatabase();
  });

  afterAll(async () => {
    await clean?.drop();
  });

  it("is killed after the first chunks commit", async () => {
    const child = startIngest(killed.url(), file);
    killedPid = child.pid;
    const exited = once(child, "exit");
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!done && countAtKill === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      countAtKill = await countEvents(killed.url());
    }
    child.kill("SIGKILL");
    const [, signal] = (await exited) as [number | null, string | null];
    expect(signal).toBe("SIGKILL");
    expect(countAtKill).toBeGreaterThan(0);
    expect(await countEvents(killed.url())).toBeLessThan(RECORDS);
  }, 180_000);

  it("leaves the killed batch running", async () => {
    const batches = await batchesOf(killed.url());
    expect(batches).toEqual([{ status: "running", owner_pid: killedPid }]);
  });

  it("ends like one clean run when run again", async () => {
    expect(await runIngest(killed.url(), file)).toBe(0);
    expect(await runIngest(clean.url, file)).toBe(0);
    const afterKill = await fingerprint(killed.url());
    const cleanRun = await fingerprint(clean.url);
    expect(afterKill.events).toBe(RECORDS);
    expect(cleanRun.events).toBe(RECORDS);
    expect(afterKill.eventsHash).toBe(cleanRun.eventsHash);
    expect(afterKill.baselineEntries).toBe(cleanRun.baselineEntries);
    expect(afterKill.baselineHash).toBe(cleanRun.baselineHash);
    expect(afterKill.principalsHash).toBe(cleanRun.principalsHash);
    expect(cleanRun.signals).toBeGreaterThan(0);
    expect(afterKill.signals).toBe(cleanRun.signals);
  }, 300_000);

  it("marks the killed batch interrupted", async () => {
    const batches = await batchesOf(killed.url());
    expect(batches.filter((batch) => batch.owner_pid === killedPid)).toEqual([{ status: "interrupted", owner_pid: killedPid }]);
    expect(batches.map((batch) => batch.status).sort()).toEqual(["complete", "interrupted"]);
  });

  it("stores the natural ids of the file", async () => {
    const client = new pg.Client({ connectionString: killed.url() });
    await client.connect();
    const sample = await client.query<{ natural_id: string }>(
      "SELECT natural_id FROM events WHERE natural_id = ANY($1::text[]) ORDER BY natural_id",
      [[eventIdFor(100_000), eventIdFor(100_000 + RECORDS - 1)]],
    );
    await client.end();
    expect(sample.rows.map((row) => row.natural_id)).toEqual([eventIdFor(100_000), eventIdFor(100_000 + RECORDS - 1)].sort());
  });
});
