import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { iamUserCall, userArn } from "../__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { nextKeyId, seedUserHistory, signalsOf, TEST_TIME } from "../__fixtures__/seed-user-history";
import { runDetection } from "../run-detection";

useTestDatabase();

const RULE = "iam-create-access-key";

function createAccessKey(caller: Parameters<typeof iamUserCall>[0]["caller"], userName: string | null, newKey: string) {
  return iamUserCall({
    caller,
    eventSource: "iam.amazonaws.com",
    eventName: "CreateAccessKey",
    time: TEST_TIME,
    requestParameters: userName === null ? null : { userName },
    responseElements: { accessKey: { accessKeyId: newKey, status: "Active", userName: userName ?? caller.userName } },
  });
}

describe("CreateAccessKey rule", () => {
  it("scores a key created from a new address", async () => {
    const { abroad, principalKey } = await seedUserHistory("erin");
    const { batchId } = await insertFixtureEvents([createAccessKey(abroad, "erin", nextKeyId())]);
    await runDetection({ batchId });
    const [signal] = await signalsOf(RULE, principalKey);
    expect(signal.score).toBe(25);
    expect(signal.phase).toBe("persistence");
    expect(signal.techniqueIds).toEqual(["T1098.001"]);
  });

  it("scores a key created from the office", async () => {
    const { office, principalKey } = await seedUserHistory("frank");
    const { batchId } = await insertFixtureEvents([createAccessKey(office, null, nextKeyId())]);
    await runDetection({ batchId });
    const [signal] = await signalsOf(RULE, principalKey);
    expect(signal.score).toBe(15);
    expect(signal.subjectKey).toBe(principalKey);
  });

  it("adds to the score for another user", async () => {
    const { office, principalKey } = await seedUserHistory("grace");
    const target = await seedUserHistory("heidi");
    const { batchId } = await insertFixtureEvents([createAccessKey(office, "heidi", nextKeyId())]);
    await runDetection({ batchId });
    const [signal] = await signalsOf(RULE, principalKey);
    expect(signal.score).toBe(25);
    expect(signal.subjectKey).toBe(target.principalKey);
  });

  it("keeps the path of a known user", async () => {
    const { office, principalKey } = await seedUserHistory("ivan");
    const pathed = { ...office, userName: "batch-svc", path: "/service/", accessKeyId: nextKeyId() };
    await insertFixtureEvents([
      iamUserCall({ caller: pathed, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-15T00:00:00Z" }),
    ]);
    const { batchId } = await insertFixtureEvents([createAccessKey(office, "batch-svc", nextKeyId())]);
    await runDetection({ batchId });
    const [signal] = await signalsOf(RULE, principalKey);
    expect(signal.subjectKey).toBe(userArn(pathed));
  });

  it("records the created key's lineage", async () => {
    const { abroad, principalKey } = await seedUserHistory("judy");
    const newKey = nextKeyId();
    const record = createAccessKey(abroad, "judy", newKey);
    const { batchId } = await insertFixtureEvents([record]);
    await runDetection({ batchId });
    const key = await db().accessKey.findUniqueOrThrow({ where: { accessKeyId: newKey } });
    expect(key.principalKey).toBe(principalKey);
    expect(key.createdByKey).toBe(abroad.accessKeyId);
    expect(key.createdByEventId).toBe(record.eventID);
    expect(key.status).toBe("Active");
    const [signal] = await signalsOf(RULE, principalKey);
    expect(signal.relatedKeyId).toBe(newKey);
  });

  it("ignores a failed call", async () => {
    const { abroad, principalKey } = await seedUserHistory("karl");
    const record = createAccessKey(abroad, "karl", nextKeyId());
    record.errorCode = "AccessDenied";
    record.responseElements = null;
    const { batchId } = await insertFixtureEvents([record]);
    await runDetection({ batchId });
    expect(await signalsOf(RULE, principalKey)).toEqual([]);
  });
});
