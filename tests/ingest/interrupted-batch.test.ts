import { hostname } from "node:os";

import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { startIngestBatch } from "@/lib/ingest/ingest-batch";
import { listIngestBatches } from "@/lib/ingest/list-ingest-batches";
import { markInterruptedBatches } from "@/lib/ingest/mark-interrupted-batches";
import { appendUploadFile, UploadBatchError } from "@/lib/ingest/upload-batch";

import { useTestDatabase } from "../helpers/test-database";

const database = useTestDatabase();

/** A stand-in for another process: its own session holding an owner lock. */
interface OtherProcess {
  client: pg.Client;
  backendPid: number;
  lockKey: bigint;
}

const others: pg.Client[] = [];

async function startOtherProcess(lockKey: bigint): Promise<OtherProcess> {
  const client = new pg.Client({ connectionString: database.url() });
  await client.connect();
  others.push(client);
  const { rows } = await client.query<{ pid: number }>(
    "SELECT pg_backend_pid() AS pid, pg_advisory_lock($1::bigint)",
    [lockKey.toString()],
  );
  return { client, backendPid: rows[0].pid, lockKey };
}

/** Ends the other session and waits until PostgreSQL has dropped its locks. */
async function endOtherProcess(other: OtherProcess): Promise<void> {
  await other.client.end();
  for (let attempt = 0; attempt < 100; attempt++) {
    const held = await db().$queryRaw<Array<{ count: number }>>`
      SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND pid = ${other.backendPid}`;
    if (held[0].count === 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`session ${other.backendPid} still holds advisory locks`);
}

async function createOwnedBatch(lockKey: bigint | null, origin = "cli") {
  const batch = await db().ingestBatch.create({
    data: { origin, ownerLockKey: lockKey, ownerPid: 4242, ownerHost: "ingest-host-1" },
  });
  await db().ingestFile.create({ data: { batchId: batch.id, path: "/logs/big.json.gz", kind: "cloudtrail" } });
  return batch.id;
}

async function statusOf(batchId: string): Promise<string> {
  return (await db().ingestBatch.findUniqueOrThrow({ where: { id: batchId } })).status;
}

afterAll(async () => {
  await Promise.all(others.map((client) => client.end().catch(() => undefined)));
});

describe("markInterruptedBatches", () => {
  it("marks a batch of an ended process", async () => {
    const other = await startOtherProcess(8_000_000_001n);
    const batchId = await createOwnedBatch(other.lockKey);
    await endOtherProcess(other);

    expect(await markInterruptedBatches()).toEqual([batchId]);
    expect(await statusOf(batchId)).toBe("interrupted");
    const file = await db().ingestFile.findFirstOrThrow({ where: { batchId } });
    expect(file.status).toBe("interrupted");
  });

  it("leaves a live process's batch running", async () => {
    const other = await startOtherProcess(8_000_000_002n);
    const batchId = await createOwnedBatch(other.lockKey);

    expect(await markInterruptedBatches()).not.toContain(batchId);
    expect(await statusOf(batchId)).toBe("running");
  });

  it("leaves its own batch running", async () => {
    const summary = await startIngestBatch("test");
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId } });

    expect(await markInterruptedBatches()).not.toContain(summary.batchId);
    expect(batch.status).toBe("running");
    expect(batch.ownerPid).toBe(process.pid);
    expect(batch.ownerHost).toBe(hostname());
    expect(batch.ownerLockKey).not.toBeNull();
  });

  it("leaves a batch without an owner alone", async () => {
    const batchId = await createOwnedBatch(null);

    expect(await markInterruptedBatches()).not.toContain(batchId);
    expect(await statusOf(batchId)).toBe("running");
  });

  it("leaves finished batches alone", async () => {
    const other = await startOtherProcess(8_000_000_003n);
    const batchId = await createOwnedBatch(other.lockKey);
    await db().ingestBatch.update({ where: { id: batchId }, data: { status: "complete" } });
    await endOtherProcess(other);

    expect(await markInterruptedBatches()).toEqual([]);
    expect(await statusOf(batchId)).toBe("complete");
  });
});

describe("interrupted batches elsewhere", () => {
  it("are listed with their owner", async () => {
    const other = await startOtherProcess(8_000_000_004n);
    const batchId = await createOwnedBatch(other.lockKey);
    await endOtherProcess(other);

    const listed = (await listIngestBatches()).find((batch) => batch.id === batchId);
    expect(listed?.status).toBe("interrupted");
    expect(listed?.ownerPid).toBe(4242);
    expect(listed?.ownerHost).toBe("ingest-host-1");
    expect(listed).not.toHaveProperty("ownerLockKey");
  });

  it("take no more upload files", async () => {
    const other = await startOtherProcess(8_000_000_005n);
    const batchId = await createOwnedBatch(other.lockKey, "upload");
    await endOtherProcess(other);
    await markInterruptedBatches();

    const input = { type: "buffer" as const, body: Buffer.from("[]"), label: "late.json" };
    const error = await appendUploadFile({ batchId, input, actor: SYSTEM_ACTOR }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UploadBatchError);
    expect((error as UploadBatchError).code).toBe("conflict");
    expect((error as UploadBatchError).message).toBe(`Upload batch ${batchId} is interrupted; start a new upload.`);
  });
});
