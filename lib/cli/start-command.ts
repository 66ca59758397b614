import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

import { db } from "@/lib/db/client";
import { resolveDataDir } from "@/lib/db/data-dir";
import { closeIdleUploadBatchesPeriodically, uploadIdleMs } from "@/lib/ingest/finish-idle-upload-batches";
import { tryMarkInterruptedBatches } from "@/lib/ingest/mark-interrupted-batches";
import { logger } from "@/lib/log";
import { PROJECT_ROOT } from "@/lib/project-root";

import { computeBuildFingerprint, readStoredFingerprint } from "./build-fingerprint";
import { openDatabaseSession } from "./database-session";
import { loadDemo } from "./load-demo";
import { createAndPrintDemoAccounts, printAdminHint, resolveAuthEnvironment } from "./prepare-auth";

const root = PROJECT_ROOT;
const nextBin = join(root, "node_modules", "next", "dist", "bin", "next");
/** Serves the build as `next start` does, checking forwarding headers first (see the file). */
const dashboardServer = join(root, "bin", "dashboard-server.mjs");
const log = logger.child({ component: "start" });

/** How often upload batches left open are looked for. */
const UPLOAD_SWEEP_MS = 60_000;

interface StartOptions {
  port: number;
  host: string;
  demo: boolean;
  dev?: boolean;
}

/** Builds the production bundle when the sources changed since the last build. */
function ensureBuild(): void {
  const fingerprint = computeBuildFingerprint(root);
  if (readStoredFingerprint(root) === fingerprint) {
    return;
  }
  process.stdout.write("Building the dashboard (first run or sources changed)...\n");
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) {
    throw new Error(`next build failed with exit status ${result.status}; see the output above.`);
  }
  writeFileSync(join(root, ".next", "watchfloor-build-fingerprint"), fingerprint);
}

async function isFirstRun(): Promise<boolean> {
  return (await db().ingestBatch.count()) === 0;
}

/** Runs the dashboard until interrupted; returns the server's exit status. */
export async function runStartCommand(options: StartOptions): Promise<number> {
  const dataDir = resolveDataDir();
  const idleMs = uploadIdleMs();
  const authEnvironment = resolveAuthEnvironment({ dataDir, host: options.host, port: options.port });
  const session = await openDatabaseSession();
  try {
    // A dashboard that was killed has ended by now, so its open upload batches are marked interrupted.
    await tryMarkInterruptedBatches();
    if (options.demo && (await isFirstRun())) {
      process.stdout.write("Empty database: loading the demo scenario...\n");
      const summary = await loadDemo({});
      process.stdout.write(`Demo loaded: ${summary.inserted} events from ${summary.files} files.\n`);
      await createAndPrintDemoAccounts({ dataDir });
    }
    await printAdminHint();
    if (!options.dev) {
      ensureBuild();
    }
  } catch (error) {
    await session.close();
    throw error;
  }
  const url = `http://${options.host}:${options.port}`;
  const child = spawn(
    process.execPath,
    options.dev
      ? [nextBin, "dev", "--port", String(options.port), "--hostname", options.host]
      : [dashboardServer, "--port", String(options.port), "--hostname", options.host],
    {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, ...authEnvironment, DATABASE_URL: session.url, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  process.stdout.write(`Watchfloor is running at ${url}\n`);
  log.info({ url, embeddedDatabase: session.embedded }, "dashboard started");
  // Upload batches whose browser tab closed before it asked to finish still get detection.
  const stopClosingIdleUploads = closeIdleUploadBatchesPeriodically({ idleMs, everyMs: UPLOAD_SWEEP_MS });

  const stop = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const code = await new Promise<number>((resolveExit) => {
    child.on("exit", (exitCode, signal) => resolveExit(exitCode ?? (signal ? 0 : 1)));
  });
  stopClosingIdleUploads();
  await session.close();
  log.info({ code }, "dashboard stopped");
  return code;
}
