import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db, pgPool } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const FILES = 4;
const PER_FILE = 2_500;
const RECORDS = FILES * PER_FILE;

describe("two ingests of the same files at once", () => {
  let results: IngestSummary[];

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-concurrent-"));
    for (let file = 0; file < FILES; file++) {
      const records = Array.from({ length: PER_FILE }, (_, i) => makeAssumedRoleRecord(200_000 + file * PER_FILE + i));
      writeFileSync(join(root, `part-${file}.json.gz`), gzipSync(JSON.stringify({ Records: records })));
    }
    results = await Promise.all([ingestPaths({ paths: [root], origin: "test" }), ingestPaths({ paths: [root], origin: "test" })]);
  }, 240_000);

  it("stores each record once", async () => {
    const rows = await pgPool().query<{ events: number; distinct_ids: number }>(
      "SELECT count(*)::int AS events, count(DISTINCT natural_id)::int AS distinct_ids FROM events",
    );
    expect(rows.rows[0]).toEqual({ events: RECORDS, distinct_ids: RECORDS });
  });

  it("splits inserts and duplicates between them", () => {
    expect(results[0].inserted + results[1].inserted).toBe(RECORDS);
    expect(results[0].duplicates + results[1].duplicates).toBe(RECORDS);
    expect(results[0].records).toBe(RECORDS);
    expect(results[1].records).toBe(RECORDS);
  });

  it("records every second delivery", async () => {
    expect(await db().eventDelivery.count()).toBe(RECORDS);
  });

  it("counts each event once in the baselines", async () => {
    const rows = await pgPool().query<{ total: number }>("SELECT sum(event_count)::int AS total FROM principals");
    expect(rows.rows[0].total).toBe(RECORDS);
  });

  it("rejects nothing and completes both batches", async () => {
    expect(results.flatMap((summary) => summary.rejected)).toEqual([]);
    const batches = await db().ingestBatch.findMany({ where: { id: { in: results.map((s) => s.batchId) } } });
    expect(batches.map((batch) => batch.status)).toEqual(["complete", "complete"]);
  });
});
