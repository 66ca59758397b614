import { spawn } from "node:child_process";
import { once } from "node:events";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, describe, expect, it } from "vitest";

import { makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

const ROOT = join(import.meta.dirname, "../..");
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

/** Runs `watchfloor ingest --json` on the embedded database in `dataDir`; returns the exit status and output. */
async function ingestEmbedded(dataDir: string, file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, WATCHFLOOR_DATA_DIR: dataDir, WATCHFLOOR_LOG_LEVEL: "error" };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["bin/watchfloor.mjs", "ingest", "--json", file], { cwd: ROOT, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

describe("two commands starting the embedded database at once", () => {
  it(
    "both store through one server",
    async () => {
      const file = join(dir, "records.json");
      writeFileSync(file, JSON.stringify({ Records: Array.from({ length: RECORDS }, (_, index) => makeAssumedRoleRecord(index)) }));
      const dataDir = join(dir, "data");
      const results = await Promise.all([ingestEmbedded(dataDir, file), ingestEmbedded(dataDir, file)]);
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
