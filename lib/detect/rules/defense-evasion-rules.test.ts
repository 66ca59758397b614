import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { type FixtureCaller, iamUserCall } from "../__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { seedUserHistory, signalsOf, TEST_TIME } from "../__fixtures__/seed-user-history";
import { runDetection } from "../run-detection";

useTestDatabase();

const TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-audit-trail";

function call(caller: FixtureCaller, eventSource: string, eventName: string, requestParameters: Record<string, unknown>, errorCode?: string) {
  return iamUserCall({ caller, eventSource, eventName, time: TEST_TIME, requestParameters, errorCode });
}

async function detect(record: ReturnType<typeof call>): Promise<void> {
  const { batchId } = await insertFixtureEvents([record]);
  await runDetection({ batchId });
}

describe("CloudTrail stop rule", () => {
  it("flags StopLogging", async () => {
    const { office, principalKey } = await seedUserHistory("amir");
    await detect(call(office, "cloudtrail.amazonaws.com", "StopLogging", { name: TRAIL }));
    const [signal] = await signalsOf("cloudtrail-stop-or-delete", principalKey);
    expect(signal.score).toBe(30);
    expect(signal.techniqueIds).toEqual(["T1562.008"]);
  });

  it("counts a denied attempt", async () => {
    const { abroad, principalKey } = await seedUserHistory("bea");
    await detect(call(abroad, "cloudtrail.amazonaws.com", "DeleteTrail", { name: TRAIL }, "AccessDenied"));
    const [signal] = await signalsOf("cloudtrail-stop-or-delete", principalKey);
    expect(signal.title).toBe(`Attempt to delete the trail ${TRAIL} (AccessDenied)`);
    expect((signal.details as Record<string, unknown>).errorCode).toBe("AccessDenied");
  });
});

describe("CloudTrail narrowing rule", () => {
  it("flags selectors without write events", async () => {
    const { office, principalKey } = await seedUserHistory("cruz");
    const eventSelectors = [{ readWriteType: "ReadOnly", includeManagementEvents: true, dataResources: [] }];
    await detect(call(office, "cloudtrail.amazonaws.com", "PutEventSelectors", { trailName: TRAIL, eventSelectors }));
    const [signal] = await signalsOf("cloudtrail-narrowed", principalKey);
    expect((signal.details as Record<string, unknown>).narrowing).toEqual(["write management events are no longer recorded"]);
  });

  it("flags advanced selectors without management events", async () => {
    const { office, principalKey } = await seedUserHistory("dana");
    const advancedEventSelectors = [{ name: "data only", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }] }];
    await detect(call(office, "cloudtrail.amazonaws.com", "PutEventSelectors", { trailName: TRAIL, advancedEventSelectors }));
    const [signal] = await signalsOf("cloudtrail-narrowed", principalKey);
    expect((signal.details as Record<string, unknown>).narrowing).toEqual(["management events are no longer recorded"]);
  });

  it("ignores selectors that keep all management events", async () => {
    const { office, principalKey } = await seedUserHistory("eli");
    const eventSelectors = [
      { readWriteType: "All", includeManagementEvents: true },
      { readWriteType: "All", includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] },
    ];
    await detect(call(office, "cloudtrail.amazonaws.com", "PutEventSelectors", { trailName: TRAIL, eventSelectors }));
    expect(await signalsOf("cloudtrail-narrowed", principalKey)).toEqual([]);
  });

  it("flags a trail limited to one Region", async () => {
    const { office, principalKey } = await seedUserHistory("fay");
    await detect(call(office, "cloudtrail.amazonaws.com", "UpdateTrail", { name: TRAIL, isMultiRegionTrail: false }));
    const [signal] = await signalsOf("cloudtrail-narrowed", principalKey);
    expect((signal.details as Record<string, unknown>).narrowing).toEqual(["the trail records one Region only"]);
  });
});

describe("GuardDuty disable rule", () => {
  it("flags UpdateDetector with enable false", async () => {
    const { office, principalKey } = await seedUserHistory("gus");
    await detect(call(office, "guardduty.amazonaws.com", "UpdateDetector", { detectorId: "d1", enable: false }));
    const [signal] = await signalsOf("guardduty-disabled", principalKey);
    expect(signal.techniqueIds).toEqual(["T1562.001"]);
  });

  it("ignores UpdateDetector that keeps it on", async () => {
    const { office, principalKey } = await seedUserHistory("hana");
    await detect(call(office, "guardduty.amazonaws.com", "UpdateDetector", { detectorId: "d1", enable: true }));
    expect(await signalsOf("guardduty-disabled", principalKey)).toEqual([]);
  });

  it("flags DeleteDetector", async () => {
    const { office, principalKey } = await seedUserHistory("ines");
    await detect(call(office, "guardduty.amazonaws.com", "DeleteDetector", { detectorId: "d1" }));
    expect((await signalsOf("guardduty-disabled", principalKey)).length).toBe(1);
  });
});

describe("flow log deletion rule", () => {
  it("flags DeleteFlowLogs", async () => {
    const { office, principalKey } = await seedUserHistory("jon");
    const request = { DeleteFlowLogsRequest: { FlowLogId: { content: "fl-0a3c9e1b7d5f24e68", tag: 1 } } };
    await detect(call(office, "ec2.amazonaws.com", "DeleteFlowLogs", request));
    const [signal] = await signalsOf("vpc-flow-logs-deleted", principalKey);
    expect(signal.phase).toBe("defense_evasion");
  });
});
