import { beforeAll, describe, expect, it } from "vitest";

import type { Actor } from "@/lib/auth/actor";
import { connectClient, db } from "@/lib/db/client";
import { finishIdleUploadBatches, uploadIdleMs } from "@/lib/ingest/finish-idle-upload-batches";
import { appendUploadFile, finishUploadBatch, startUploadBatch, UploadBatchError } from "@/lib/ingest/upload-batch";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const ACCOUNT = "111122223333";
const ANALYST: Actor = { type: "user", id: null, label: "analyst@example.test", role: "analyst" };

/** Builds a delivery file in which IAM user `user` attaches AdministratorAccess to itself. */
function attachAdministrator(user: string, eventId: string): Buffer {
  const record = {
    eventVersion: "1.09",
    userIdentity: { type: "IAMUser", principalId: `AIDA${user.toUpperCase()}`, arn: `arn:aws:iam::${ACCOUNT}:user/${user}`, accountId: ACCOUNT, accessKeyId: `AKIA${user.toUpperCase()}`, userName: user },
    eventTime: "2024-03-05T12:00:05Z",
    eventSource: "iam.amazonaws.com",
    eventName: "AttachUserPolicy",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.23",
    userAgent: "aws-cli/2.15.30",
    requestParameters: { userName: user, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    eventID: eventId,
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
  };
  return Buffer.from(JSON.stringify({ Records: [record] }));
}

async function openBatchWithFile(user: string, eventId: string): Promise<string> {
  const { batchId } = await startUploadBatch({ actor: ANALYST });
  await appendUploadFile({ batchId, actor: ANALYST, input: { type: "buffer", body: attachAdministrator(user, eventId), label: `${user}.json` } });
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
