import type { PoolClient } from "pg";

import { connectClient } from "@/lib/db/client";
import { logger } from "@/lib/log";

/**
 * Marks `running` batches whose owning process has ended as `interrupted`,
 * with their unfinished files, and returns their ids. An owner is gone when
 * this session can take its advisory lock (see batch-owner.ts). The lock is
 * held while the rows change, so an owner cannot come back under the same key
 * half-way. Batches started before owners were recorded have no key and stay
 * as they are.
 */
export async function markInterruptedBatches(): Promise<string[]> {
  const client = await connectClient();
  const interrupted: string[] = [];
  try {
    const owners = await client.query<{ key: string }>(
      "SELECT DISTINCT owner_lock_key::text AS key FROM ingest_batches WHERE status = 'running' AND owner_lock_key IS NOT NULL",
    );
    for (const { key } of owners.rows) {
      const lock = await client.query<{ taken: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS taken", [key]);
      if (lock.rows[0]?.taken !== true) {
        continue;
      }
      try {
        interrupted.push(...(await markOwnerBatches(client, key)));
      } finally {
        await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]);
      }
    }
  } finally {
    client.release();
  }
  if (interrupted.length > 0) {
    logger.warn({ batchIds: interrupted }, "marked batches of ended processes as interrupted");
  }
  return interrupted;
}

async function markOwnerBatches(client: PoolClient, key: string): Promise<string[]> {
  await client.query("BEGIN");
  try {
    const batches = await client.query<{ id: string }>(
      "UPDATE ingest_batches SET status = 'interrupted' WHERE status = 'running' AND owner_lock_key = $1::bigint RETURNING id::text AS id",
      [key],
    );
    const ids = batches.rows.map((row) => row.id);
    await client.query(
      "UPDATE ingest_files SET status = 'interrupted' WHERE status = 'running' AND batch_id = ANY($1::uuid[])",
      [ids],
    );
    await client.query("COMMIT");
    return ids;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/** Runs markInterruptedBatches for callers that only tidy up: a failure is logged, not raised. */
export async function tryMarkInterruptedBatches(): Promise<void> {
  try {
    await markInterruptedBatches();
  } catch (error) {
    logger.warn({ err: error }, "could not mark batches of ended processes as interrupted");
  }
}
