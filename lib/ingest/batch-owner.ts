/**
 * The process that owns ingest batches. Each process holds one session-level
 * PostgreSQL advisory lock on a random key, on a connection kept open for its
 * lifetime, and stores that key in every batch it starts. PostgreSQL releases
 * the lock when that session ends, which happens when the process exits or is
 * killed (kill -9 included, because the kernel closes its socket). A `running`
 * batch whose key another session can lock has therefore lost its process, on
 * whatever host it ran.
 *
 * NOTE: when a whole host stops without closing its sockets, PostgreSQL ends
 * the session only once TCP keepalive notices, so its batches stay `running`
 * until then.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

import type pg from "pg";

import { onDisconnect, pgPool } from "@/lib/db/client";
import { logger } from "@/lib/log";

export interface BatchOwner {
  /** Key of the advisory lock, stored in `ingest_batches.owner_lock_key`. */
  lockKey: bigint;
  pid: number;
  host: string;
}

// Kept on globalThis like the pool itself, because Next.js may load this module
// once per route bundle, and one lock per process is enough.
const globalForOwners = globalThis as unknown as { watchfloorBatchOwners?: WeakMap<pg.Pool, Promise<BatchOwner>> };
const owners = (globalForOwners.watchfloorBatchOwners ??= new WeakMap());

/** Returns this process's owner identity, taking its advisory lock on first use. */
export async function currentBatchOwner(): Promise<BatchOwner> {
  const pool = pgPool();
  let owner = owners.get(pool);
  if (owner === undefined) {
    owner = takeOwnerLock(pool);
    owners.set(pool, owner);
    owner.catch(() => owners.delete(pool));
  }
  return owner;
}

async function takeOwnerLock(pool: pg.Pool): Promise<BatchOwner> {
  const client = await pool.connect();
  // A random 63-bit key: the chance that a new process draws the key of a dead
  // one, and so makes that one's batches look alive, is negligible.
  const lockKey = randomBytes(8).readBigInt64BE() & 0x7fff_ffff_ffff_ffffn;
  try {
    const { rows } = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS taken", [
      lockKey.toString(),
    ]);
    if (rows[0]?.taken !== true) {
      throw new Error(`advisory lock ${lockKey} for ingest batches is held by another session; retry the ingest`);
    }
  } catch (error) {
    client.release(true);
    throw error;
  }
  const owner = { lockKey, pid: process.pid, host: hostname() };
  let released = false;
  client.on("error", (error) => {
    // The session is gone and with it the lock, so batches started under this
    // key may be marked interrupted by another process. Later batches take a new key.
    // 57P01 (admin_shutdown) is the database stopping, as the embedded one does on exit.
    const shutdown = (error as { code?: string }).code === "57P01";
    logger[shutdown ? "debug" : "warn"]({ err: error, lockKey: lockKey.toString() }, "connection holding the ingest owner lock failed");
    owners.delete(pool);
    if (!released) {
      released = true;
      client.release(error);
    }
  });
  onDisconnect(async () => {
    if (!released) {
      released = true;
      // Destroying the connection ends the session, which releases the lock.
      client.release(true);
    }
  });
  return owner;
}
