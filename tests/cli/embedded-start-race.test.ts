import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { runCli } from "../helpers/run-cli";

const RECORDS = 20;

const dir = mkdtempSync(join(tmpdir(), "watchfloor-start-race-"));
// As root, PostgreSQL runs as the `postgres` system user, which must be able to enter the folder.
chmodSync(dir, 0o755);

afterAll(async () => {
  // A server left running for the other command is stopped here (fast shutdown).
  const pidFile = join(dir, "data", "postgres", "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    process.kill(pid, "SIGINT");
    for (let waited = 0; existsSync(pidFile) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe("two commands starting the embedded database at once", () => {
  it(
    "both store through one server",
    async () => {
      const file = join(dir, "records.json");
      writeFileSync(file, JSON.stringify({ Records: Array.from({ length: RECORDS }, (_, index) => makeAssumedRoleRecord(index)) }));
      const dataDir = join(dir, "data");
      // DATABASE_URL unset: each command uses the embedded database in dataDir.
      const env = { DATABASE_URL: undefined, WATCHFLOOR_DATA_DIR: dataDir };
      const results = await Promise.all([runCli(["ingest", "--json", file], env), runCli(["ingest", "--json", file], env)]);
      for (const result of results) {
        expect(result.code, result.stderr).toBe(0);
        expect(result.stdout, result.stderr).not.toBe("");
      }
      const summaries = results.map((result) => JSON.parse(result.stdout) as { inserted: number; duplicates: number });
      expect(summaries.map((summary) => summary.inserted).sort()).toEqual([0, RECORDS]);
      expect(summaries.map((summary) => summary.duplicates).sort()).toEqual([0, RECORDS]);
    },
    120_000,
  );
});
