import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { encodeRaw } from "@/lib/ingest/raw-codec";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { buildCloudTrailRow, toEventCreateInput } from "./__fixtures__/build-cloudtrail-row";
import { ADMINISTRATOR_ACCESS, type FixtureCaller, historyCalls, iamUserCall, userArn } from "./__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "./__fixtures__/insert-fixture-events";
import { nextKeyId, OFFICE_AGENT, OFFICE_IP, seedUserHistory, signalsOf } from "./__fixtures__/seed-user-history";
import { runDetection } from "./run-detection";
import { updateBaselines } from "./update-baselines";

useTestDatabase();

function listBuckets(caller: FixtureCaller, time: string) {
  return iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time });
}

function attach(caller: FixtureCaller, time: string) {
  return iamUserCall({
    caller,
    eventSource: "iam.amazonaws.com",
    eventName: "AttachUserPolicy",
    time,
    requestParameters: { userName: caller.userName, policyArn: ADMINISTRATOR_ACCESS },
  });
}

describe("runDetection", () => {
  it("adds nothing when run again", async () => {
    const { abroad, principalKey } = await seedUserHistory("ada");
    const { batchId } = await insertFixtureEvents([attach(abroad, "2026-11-17T10:00:00Z")]);
    const first = await runDetection({ batchId });
    const again = await runDetection({ batchId });
    const all = await runDetection({});
    // The grant, and the key's first call from the foreign network and its ASN.
    expect(first.signals).toBe(3);
    expect(again.signals).toBe(0);
    expect(all.signals).toBe(0);
    expect((await signalsOf("iam-attach-administrator-access", principalKey)).length).toBe(1);
    expect((await signalsOf("access-key-new-network", principalKey)).length).toBe(1);
    expect((await signalsOf("access-key-new-asn", principalKey)).length).toBe(1);
  });

  it("re-evaluates events after late history", async () => {
    const caller: FixtureCaller = { userName: "bo", accessKeyId: nextKeyId(), sourceIp: OFFICE_IP, userAgent: OFFICE_AGENT };
    const abroad = { ...caller, sourceIp: "85.17.31.122" };
    const late = await insertFixtureEvents([listBuckets(abroad, "2026-11-17T10:00:00Z")]);
    await runDetection({ batchId: late.batchId });
    expect(await signalsOf("recon-storage-discovery", userArn(caller))).toEqual([]);
    const history = await insertFixtureEvents(historyCalls({ caller, until: "2026-11-17T00:00:00Z", days: 3 }));
    await runDetection({ batchId: history.batchId });
    expect((await signalsOf("recon-storage-discovery", userArn(caller))).length).toBe(1);
  });

  it("finds containment ingested before the attack", async () => {
    const suspect = await seedUserHistory("cy");
    const responder = await seedUserHistory("cy-responder");
    const containment = iamUserCall({
      caller: responder.office,
      eventSource: "iam.amazonaws.com",
      eventName: "DetachUserPolicy",
      time: "2026-11-17T10:05:00Z",
      requestParameters: { userName: "cy", policyArn: ADMINISTRATOR_ACCESS },
    });
    const first = await insertFixtureEvents([containment]);
    await runDetection({ batchId: first.batchId });
    expect(await signalsOf("containment-user-policy-removed", responder.principalKey)).toEqual([]);
    const attackBatch = await insertFixtureEvents([attach(suspect.abroad, "2026-11-17T10:00:00Z")]);
    await runDetection({ batchId: attackBatch.batchId });
    expect((await signalsOf("containment-user-policy-removed", responder.principalKey)).length).toBe(1);
  });

  it("skips events before since", async () => {
    const { abroad, principalKey } = await seedUserHistory("dee");
    await insertFixtureEvents([attach(abroad, "2026-11-17T10:00:00Z")]);
    await runDetection({ since: new Date("2026-11-18T00:00:00Z") });
    expect(await signalsOf("iam-attach-administrator-access", principalKey)).toEqual([]);
  });

  it("reads an EventBridge envelope record", async () => {
    const { abroad, principalKey } = await seedUserHistory("eve");
    const record = attach(abroad, "2026-11-17T10:00:00Z");
    const row = buildCloudTrailRow(record, { batchId: randomUUID() });
    const envelope = { version: "0", id: randomUUID(), "detail-type": "AWS API Call via CloudTrail", source: "aws.iam", detail: record };
    const raw = encodeRaw(Buffer.from(JSON.stringify(envelope)));
    Object.assign(row, { rawCodec: raw.codec, raw: raw.data });
    await db().event.createMany({ data: [toEventCreateInput(row)] });
    await updateBaselines({ rows: [row] });
    await runDetection({ batchId: row.batchId });
    expect((await signalsOf("iam-attach-administrator-access", principalKey)).length).toBe(1);
  });
});
