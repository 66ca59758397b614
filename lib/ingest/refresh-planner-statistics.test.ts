import { describe, expect, it } from "vitest";

import { pgPool } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { refreshGrownTables, refreshPlannerStatistics } from "./refresh-planner-statistics";

useTestDatabase();

/** Inserts `count` minimal events of one new batch. */
async function insertEvents(count: number): Promise<void> {
  await pgPool().query(
    `INSERT INTO events (source, natural_id, event_time, batch_id, record_index, raw_codec, raw)
     SELECT 'cloudtrail', 'growth-' || gen_random_uuid(), now(), gen_random_uuid(), n, 0, '\\x7b7d'::bytea
     FROM generate_series(1, $1::int) AS n`,
    [count],
  );
}

/** Waits until the statistics system counts at least `rows` live rows in `events`. */
async function statisticsCount(rows: number): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = await pgPool().query<{ live: string }>("SELECT n_live_tup AS live FROM pg_stat_user_tables WHERE relname = 'events'");
    if (Number(result.rows[0]?.live ?? 0) >= rows) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`pg_stat_user_tables did not count ${rows} rows in events within 5 s`);
}

async function lastAnalyze(table: string): Promise<Date | null> {
  const result = await pgPool().query<{ last_analyze: Date | null }>(
    "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = $1",
    [table],
  );
  return result.rows[0]?.last_analyze ?? null;
}

describe("refreshPlannerStatistics", () => {
  it("skips a small batch", async () => {
    await refreshPlannerStatistics(9_999);
    expect(await lastAnalyze("events")).toBeNull();
  });

  it("analyzes the ingest tables after a large batch", async () => {
    await refreshPlannerStatistics(10_000);
    for (const table of ["events", "flow_records", "baseline_entries", "access_keys"]) {
      expect(await lastAnalyze(table), table).not.toBeNull();
    }
  });
});

describe("refreshGrownTables", () => {
  it("analyzes a table that has grown", async () => {
    await pgPool().query("ANALYZE events");
    const before = await lastAnalyze("events");
    await insertEvents(10_000);
    await statisticsCount(10_000);
    await refreshGrownTables();
    const after = await lastAnalyze("events");
    expect(after).not.toBeNull();
    expect(after?.getTime()).toBeGreaterThan(before?.getTime() ?? 0);
  });

  it("skips a table grown less than fourfold", async () => {
    await pgPool().query("ANALYZE events");
    const before = await lastAnalyze("events");
    await insertEvents(15_000);
    await statisticsCount(25_000);
    await refreshGrownTables();
    expect(await lastAnalyze("events")).toEqual(before);
  });
});
