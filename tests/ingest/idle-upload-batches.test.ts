import { beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "@/lib/auth/actor";
import { connectClient, db } from "@/lib/db/client";
import { closeIdleUploadBatchesPeriodically, finishIdleUploadBatches, uploadIdleMs } from "@/lib/ingest/finish-idle-upload-batches";
import { appendUploadFile, finishUploadBatch, startUploadBatch, UploadBatchError } from "@/lib/ingest/upload-batch";
import { makeAttachAdministratorRecord, makeDeliveryFile } from "@/lib/sources/cloudtrail/fixtures/records";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const ANALYST: Actor = { type: "user", id: null, label: "analyst@example.test", role: "analyst" };

async function openBatchWithFile(user: string, eventId: string): Promise<string> {
  const { batchId } = await startUploadBatch({ actor: ANALYST });
  await appendUploadFile({ batchId, actor: ANALYST, input: { type: "buffer", body: makeDeliveryFile([makeAttachAdministratorRecord(user, eventId)]), label: `${user}.json` } });
  return batchId;
}

describe("upload batches left open", () => {
  let abandoned: string;
  let closed: string[];
  let leftWhileRecent: string[];

  beforeAll(async () => {
    abandoned = await openBatchWithFile("mallory", "6a0c2b3a-0000-4333-8444-00000000c801");
    leftWhileRecent = await finishIdleUploadBatches({ idleMs: 60 * 60_000 });
    closed = await finishIdleUploadBatches({ idleMs: 0 });
  });

  it("stay open while recent", () => {
    expect(leftWhileRecent).toEqual([]);
  });

  it("close once idle", async () => {
    expect(closed).toEqual([abandoned]);
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: abandoned } });
    expect(batch.status).toBe("incomplete");
    expect(batch.finishedAt).not.toBeNull();
  });

  it("get detection", async () => {
    const signals = await db().signal.count({ where: { principalKey: { contains: "mallory" } } });
    expect(signals).toBeGreaterThan(0);
  });

  it("audit the close as the system", async () => {
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "ingest.batch_finished", targetId: abandoned } });
    expect(entry.actorLabel).toBe("system");
    expect((entry.details as { status: string }).status).toBe("incomplete");
  });

  it("reject a late finish request", async () => {
    const error = await finishUploadBatch({ batchId: abandoned, actor: ANALYST }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UploadBatchError);
    expect((error as UploadBatchError).message).toBe(`Upload batch ${abandoned} is incomplete; start a new upload.`);
  });

  it("skip a batch with a file being read", async () => {
    const batchId = await openBatchWithFile("trent", "6a0c2b3a-0000-4333-8444-00000000c802");
    await db().ingestFile.updateMany({ where: { batchId }, data: { status: "running" } });
    expect(await finishIdleUploadBatches({ idleMs: 0 })).toEqual([]);
    expect((await db().ingestBatch.findUniqueOrThrow({ where: { id: batchId } })).status).toBe("running");
    await db().ingestFile.updateMany({ where: { batchId }, data: { status: "complete" } });
  });

  it("leave a batch another request is finishing", async () => {
    const batchId = (await db().ingestBatch.findFirstOrThrow({ where: { status: "running", origin: "upload" } })).id;
    const holder = await connectClient();
    try {
      await holder.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`ingest-batch-finish:${batchId}`]);
      expect(await finishIdleUploadBatches({ idleMs: 0 })).toEqual([]);
      const error = await finishUploadBatch({ batchId, actor: ANALYST }).catch((caught: unknown) => caught);
      expect((error as UploadBatchError).message).toBe(`Upload batch ${batchId} is being finished by another request.`);
    } finally {
      await holder.query("SELECT pg_advisory_unlock_all()");
      holder.release();
    }
    expect(await finishIdleUploadBatches({ idleMs: 0 })).toEqual([batchId]);
  });
});

describe("closeIdleUploadBatchesPeriodically", () => {
  it("closes an idle batch on its own", async () => {
    const batchId = await openBatchWithFile("peggy", "6a0c2b3a-0000-4333-8444-00000000c803");
    const stop = closeIdleUploadBatchesPeriodically({ idleMs: 0, everyMs: 50 });
    try {
      await expect.poll(async () => (await db().ingestBatch.findUniqueOrThrow({ where: { id: batchId } })).status, { timeout: 10_000 }).toBe("incomplete");
    } finally {
      stop();
    }
  });
});

describe("uploadIdleMs", () => {
  it("reads minutes from the environment", () => {
    process.env.WATCHFLOOR_UPLOAD_IDLE_MINUTES = "2.5";
    expect(uploadIdleMs()).toBe(150_000);
    delete process.env.WATCHFLOOR_UPLOAD_IDLE_MINUTES;
    expect(uploadIdleMs()).toBe(600_000);
  });

  it("rejects a value that is not a positive number", () => {
    process.env.WATCHFLOOR_UPLOAD_IDLE_MINUTES = "soon";
    expect(() => uploadIdleMs()).toThrow('Invalid WATCHFLOOR_UPLOAD_IDLE_MINUTES "soon": expected a number of minutes greater than 0');
    delete process.env.WATCHFLOOR_UPLOAD_IDLE_MINUTES;
  });
});
