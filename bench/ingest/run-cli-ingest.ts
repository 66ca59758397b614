/**
 * Runs `watchfloor ingest --json` as a user would, in its own process, and
 * measures its wall time, CPU time and peak resident memory. GNU time
 * (/usr/bin/time) reports the peak exactly at exit; without it the peak is
 * polled from /proc/<pid>/status (VmHWM) every 50 ms.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import type { IngestSummary } from "@/lib/ingest/ingest-summary";

const GNU_TIME = "/usr/bin/time";

export interface CliIngestResult {
  summary: IngestSummary;
  exitCode: number;
  seconds: number;
  cpuSeconds: number | null;
  peakRssBytes: number | null;
}

interface ProcessStats {
  peakRssBytes: number | null;
  cpuSeconds: number | null;
}

async function readProcStatus(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

async function readGnuTime(path: string): Promise<ProcessStats> {
  const text = await readFile(path, "utf8").catch(() => "");
  const match = /WFBENCH (\d+) ([\d.]+) ([\d.]+)/.exec(text);
  if (!match) {
    return { peakRssBytes: null, cpuSeconds: null };
  }
  return { peakRssBytes: Number(match[1]) * 1024, cpuSeconds: Number(match[2]) + Number(match[3]) };
}

/** Ingests `dir` into `databaseUrl` through bin/watchfloor.mjs. */
export async function runCliIngest(options: { root: string; dir: string; databaseUrl: string }): Promise<CliIngestResult> {
  const cli = [join(options.root, "bin", "watchfloor.mjs"), "ingest", "--json", options.dir];
  const timeFile = join(tmpdir(), `watchfloor-bench-time-${process.pid}-${Date.now()}.txt`);
  const useGnuTime = existsSync(GNU_TIME);
  const [command, args] = useGnuTime
    ? [GNU_TIME, ["-f", "WFBENCH %M %U %S", "-o", timeFile, process.execPath, ...cli]]
    : [process.execPath, cli];
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: options.root,
    env: { ...process.env, DATABASE_URL: options.databaseUrl, WATCHFLOOR_LOG_LEVEL: process.env.WATCHFLOOR_LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  let polledPeak: number | null = null;
  const poll = setInterval(() => {
    if (!useGnuTime && child.pid !== undefined) {
      void readProcStatus(child.pid).then((peak) => {
        polledPeak = Math.max(polledPeak ?? 0, peak ?? 0) || polledPeak;
      });
    }
  }, 50);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const stats = useGnuTime ? await readGnuTime(timeFile) : { peakRssBytes: polledPeak, cpuSeconds: null };
  await rm(timeFile, { force: true });
  const lastLine = stdout.trim().split("\n").at(-1) ?? "";
  if (!lastLine.startsWith("{")) {
    throw new Error(`watchfloor ingest exited with status ${exitCode} and printed no JSON summary: ${stdout.slice(-500)}`);
  }
  return { summary: JSON.parse(lastLine) as IngestSummary, exitCode, seconds, ...stats };
}
