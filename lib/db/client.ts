import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

import { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";

export type Database = PrismaClient;

interface Connections {
  url: string;
  pool: pg.Pool;
  prisma: PrismaClient;
  /** Work run by disconnect() before the pool ends, such as releasing a client held for the process's lifetime. */
  beforeEnd: Array<() => Promise<void>>;
}

const globalForDb = globalThis as unknown as { watchfloorDb?: Connections };

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Watchfloor with `npm start` (it runs an embedded PostgreSQL) or set DATABASE_URL.",
    );
  }
  return url;
}

function connect(url: string): Connections {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.WATCHFLOOR_DB_POOL ?? 10) });
  // An idle connection can fail (server restart, network); pg then emits on the
  // pool, and an unhandled `error` event would end the process.
  pool.on("error", (error) => logger.warn({ err: error }, "idle database connection failed"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return { url, pool, prisma, beforeEnd: [] };
}

/** Returns the process-wide connections for DATABASE_URL, creating them on first use. */
function connections(): Connections {
  const url = requireDatabaseUrl();
  if (!globalForDb.watchfloorDb || globalForDb.watchfloorDb.url !== url) {
    globalForDb.watchfloorDb = connect(url);
  }
  return globalForDb.watchfloorDb;
}

/** The Prisma client for DATABASE_URL. */
export function db(): PrismaClient {
  return connections().prisma;
}

/** The `pg` pool behind the Prisma client, for COPY and LISTEN/NOTIFY. */
export function pgPool(): pg.Pool {
  return connections().pool;
}

/**
 * Checks a client out of the pool with a listener for its `error` event.
 * When the server ends a connection in use, node-postgres rejects the
 * running query and also emits `error` on the client, and an unhandled
 * `error` event ends the process. A client that emitted one is destroyed on
 * release instead of going back to the pool, as is one released with a
 * truthy argument (callers pass it when a query failed).
 */
export async function connectClient(): Promise<pg.PoolClient> {
  const client = await pgPool().connect();
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
    logger.warn({ err: error }, "database connection failed while in use");
  };
  client.on("error", onError);
  const release = client.release.bind(client);
  client.release = (destroy?: boolean | Error) => {
    client.off("error", onError);
    release(destroy || failure);
  };
  return client;
}

/**
 * Registers work that disconnect() runs before it ends the pool. A client
 * checked out of the pool must be released here, because ending the pool
 * waits for every checked-out client.
 */
export function onDisconnect(task: () => Promise<void>): void {
  connections().beforeEnd.push(task);
}

/** Closes the connections so that a CLI process can exit. */
export async function disconnect(): Promise<void> {
  const current = globalForDb.watchfloorDb;
  globalForDb.watchfloorDb = undefined;
  if (current) {
    for (const task of current.beforeEnd) {
      await task().catch((error: unknown) => logger.warn({ err: error }, "cleanup before disconnect failed"));
    }
    await current.prisma.$disconnect();
    await current.pool.end().catch(() => undefined);
  }
}

/**
 * Runs `work` in a transaction on a client of its own and returns its result
 * once the transaction has committed. On failure the transaction is rolled
 * back and the client closed, not reused, because it may have lost its
 * connection.
 */
export async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await connectClient();
  let failed = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    failed = true;
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release(failed);
  }
}
