import { describe, expect, it } from "vitest";

import { pgPool } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { refreshPlannerStatistics } from "./refresh-planner-statistics";

useTestDatabase();

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
