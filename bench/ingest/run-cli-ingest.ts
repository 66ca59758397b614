/**
 * Runs `watchfloor ingest --json` as a user would, in its own process, and
 * measures its wall time, CPU time and peak resident memory. GNU time
 * (/usr/bin/time) reports the peak exactly at exit; without it the peak is
 * polled from /proc/<pid>/status (VmHWM). The resident set is also polled
 * every 200 ms to tell the storing phase's peak from detection's.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

import type { IngestSummary } from "@/lib/ingest/ingest-summary";

const GNU_TIME = "/usr/bin/time";

/** Seconds spent in each phase, from the CLI's own debug log lines. */
export interface IngestPhases {
  /** Process start, module loading and the migration check. */
  startup: number;
  /** Reading, parsing and storing the files. */
  files: number;
  detection: number;
  /** Correlation, closing the batch and process exit. */
  finish: number;
}

export interface CliIngestResult {
  summary: IngestSummary;
  exitCode: number;
  seconds: number;
  phases: IngestPhases | null;
  /** Largest resident set seen while the files were stored and during detection, polled every 200 ms. */
  phasePeakRssBytes: { files: number; detection: number } | null;
  cpuSeconds: number | null;
  peakRssBytes: number | null;
}

interface ProcessStats {
  peakRssBytes: number | null;
  cpuSeconds: number | null;
}

async function readProcStatus(pid: number, field: "VmHWM" | "VmRSS"): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** Returns the pid of the node process: the spawned process, or its only child when GNU time runs it. */
async function nodePid(pid: number, underGnuTime: boolean): Promise<number | null> {
  if (!underGnuTime) {
    return pid;
  }
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, "utf8").catch(() => "");
  const child = Number(children.trim().split(/\s+/)[0]);
  return Number.isInteger(child) && child > 0 ? child : null;
}

function phasePeaks(samples: Array<[number, number]>, logTimes: Map<string, number>): { files: number; detection: number } | null {
  const [ingest, detection, detected] = PHASE_MESSAGES.map((message) => logTimes.get(message));
  if (ingest === undefined || detection === undefined || detected === undefined) {
    return null;
  }
  const peak = (from: number, to: number) =>
    samples.filter(([time]) => time >= from && time <= to).reduce((most, [, rss]) => Math.max(most, rss), 0);
  return { files: peak(ingest, detection), detection: peak(detection, detected) };
}

async function readGnuTime(path: string): Promise<ProcessStats> {
  const text = await readFile(path, "utf8").catch(() => "");
  const match = /WFBENCH (\d+) ([\d.]+) ([\d.]+)/.exec(text);
  if (!match) {
    return { peakRssBytes: null, cpuSeconds: null };
  }
  return { peakRssBytes: Number(match[1]) * 1024, cpuSeconds: Number(match[2]) + Number(match[3]) };
}

const PHASE_MESSAGES = ["ingest started", "detection started", "detection finished"];

/** Splits the run at the log lines that start each phase; null when a line is missing. */
function phasesOf(logTimes: Map<string, number>, startedAt: number, endedAt: number): IngestPhases | null {
  const [ingest, detection, detected] = PHASE_MESSAGES.map((message) => logTimes.get(message));
  if (ingest === undefined || detection === undefined || detected === undefined) {
    return null;
  }
  return {
    startup: (ingest - startedAt) / 1000,
    files: (detection - ingest) / 1000,
    detection: (detected - detection) / 1000,
    finish: (endedAt - detected) / 1000,
  };
}

/** Keeps the time of the phase log lines and passes every other line through to standard error. */
function watchLog(line: string, logTimes: Map<string, number>): void {
  if (line.startsWith("{")) {
    try {
      const entry = JSON.parse(line) as { msg?: string; time?: number; level?: number };
      if (entry.msg !== undefined && entry.time !== undefined && PHASE_MESSAGES.includes(entry.msg)) {
        logTimes.set(entry.msg, entry.time);
      }
      if ((entry.level ?? 0) < 40) {
        return;
      }
    } catch {
      // Not a log line: shown as it is.
    }
  }
  process.stderr.write(`${line}\n`);
}

/** Ingests `dir` into `databaseUrl` through bin/watchfloor, the command `npx watchfloor` runs. */
export async function runCliIngest(options: { root: string; dir: string; databaseUrl: string }): Promise<CliIngestResult> {
  const cli = [join(options.root, "bin", "watchfloor"), "ingest", "--json", options.dir];
  const timeFile = join(tmpdir(), `watchfloor-bench-time-${process.pid}-${Date.now()}.txt`);
  const useGnuTime = existsSync(GNU_TIME);
  const [command, args] = useGnuTime ? [GNU_TIME, ["-f", "WFBENCH %M %U %S", "-o", timeFile, ...cli]] : [cli[0], cli.slice(1)];
  const started = performance.now();
  const startedAt = Date.now();
  const child = spawn(command, args, {
    cwd: options.root,
    // Debug level adds the "detection started" line that ends the files phase.
    env: { ...process.env, DATABASE_URL: options.databaseUrl, WATCHFLOOR_LOG_LEVEL: "debug" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  const logTimes = new Map<string, number>();
  createInterface({ input: child.stderr }).on("line", (line) => watchLog(line, logTimes));
  let polledPeak: number | null = null;
  const samples: Array<[number, number]> = [];
  const poll = setInterval(() => {
    void (async () => {
      const pid = child.pid === undefined ? null : await nodePid(child.pid, useGnuTime);
      if (pid === null) {
        return;
      }
      const [peak, rss] = await Promise.all([readProcStatus(pid, "VmHWM"), readProcStatus(pid, "VmRSS")]);
      polledPeak = Math.max(polledPeak ?? 0, peak ?? 0) || polledPeak;
      if (rss !== null) {
        samples.push([Date.now(), rss]);
      }
    })();
  }, 200);
  const exitCode = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  clearInterval(poll);
  const seconds = (performance.now() - started) / 1000;
  const phases = phasesOf(logTimes, startedAt, Date.now());
  const stats = useGnuTime ? await readGnuTime(timeFile) : { peakRssBytes: polledPeak, cpuSeconds: null };
  await rm(timeFile, { force: true });
  const lastLine = stdout.trim().split("\n").at(-1) ?? "";
  if (!lastLine.startsWith("{")) {
    throw new Error(`watchfloor ingest exited with status ${exitCode} and printed no JSON summary: ${stdout.slice(-500)}`);
  }
  const phasePeakRssBytes = phasePeaks(samples, logTimes);
  return { summary: JSON.parse(lastLine) as IngestSummary, exitCode, seconds, phases, phasePeakRssBytes, ...stats };
}
