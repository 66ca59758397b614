import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { type FixtureCaller, iamUserCall, userArn } from "../__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { nextKeyId, OFFICE_AGENT, OFFICE_IP, seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";
import { runDetection } from "../run-detection";

useTestDatabase();

function listCall(caller: FixtureCaller, eventName: string, time: string, errorCode?: string) {
  const eventSource = eventName === "ListBuckets" ? "s3.amazonaws.com" : eventName.startsWith("Describe") ? "ec2.amazonaws.com" : "iam.amazonaws.com";
  return iamUserCall({ caller, eventSource, eventName, time, errorCode });
}

async function detect(records: ReturnType<typeof listCall>[]): Promise<void> {
  const { batchId } = await insertFixtureEvents(records);
  await runDetection({ batchId });
}

describe("discovery rules", () => {
  it("flags ListBuckets from a new address", async () => {
    const { abroad, principalKey } = await seedUserHistory("lena");
    await detect([listCall(abroad, "ListBuckets", "2026-11-17T10:00:00Z")]);
    const [signal] = await signalsOf("recon-storage-discovery", principalKey);
    expect(signal.score).toBe(10);
    expect(signal.techniqueIds).toEqual(["T1619"]);
  });

  it("ignores ListBuckets from the office", async () => {
    const { office, principalKey } = await seedUserHistory("mike");
    await detect([listCall(office, "ListBuckets", "2026-11-17T10:00:00Z")]);
    expect(await signalsOf("recon-storage-discovery", principalKey)).toEqual([]);
  });

  it("ignores a neighbouring office address", async () => {
    const { office, principalKey } = await seedUserHistory("mila");
    await detect([listCall({ ...office, sourceIp: "64.124.16.38" }, "ListBuckets", "2026-11-17T10:00:00Z")]);
    expect(await signalsOf("recon-storage-discovery", principalKey)).toEqual([]);
  });

  it("flags the first call of each API only", async () => {
    const { abroad, principalKey } = await seedUserHistory("nina");
    await detect([
      listCall(abroad, "ListUsers", "2026-11-17T10:00:00Z"),
      listCall(abroad, "ListUsers", "2026-11-17T10:01:00Z"),
      listCall(abroad, "ListRoles", "2026-11-17T10:02:00Z"),
    ]);
    const signals = await signalsOf("recon-identity-discovery", principalKey);
    expect(signals.map((signal) => signal.eventName)).toEqual(["ListUsers", "ListRoles"]);
  });

  it("flags DescribeInstances from a new address", async () => {
    const { abroad, principalKey } = await seedUserHistory("oscar");
    await detect([listCall(abroad, "DescribeInstances", "2026-11-17T10:00:00Z")]);
    const signals = await signalsOf("recon-infrastructure-discovery", principalKey);
    expect(signals.map((signal) => signal.techniqueIds)).toEqual([["T1580"]]);
  });

  it("counts a denied listing", async () => {
    const { abroad, principalKey } = await seedUserHistory("paula");
    await detect([listCall(abroad, "GetAccountAuthorizationDetails", "2026-11-17T10:00:00Z", "AccessDenied")]);
    const [signal] = await signalsOf("recon-identity-discovery", principalKey);
    expect((signal.details as Record<string, unknown>).outcome).toBe("failed");
  });

  it("stays silent without enough history", async () => {
    const caller: FixtureCaller = { userName: "quinn", accessKeyId: nextKeyId(), sourceIp: OFFICE_IP, userAgent: OFFICE_AGENT };
    await detect([listCall(caller, "GetUser", "2026-11-17T00:00:00Z")]);
    await detect([listCall({ ...caller, sourceIp: "85.17.31.122" }, "ListBuckets", "2026-11-17T10:00:00Z")]);
    expect(await signalsOf("recon-storage-discovery", userArn(caller))).toEqual([]);
  });
});
