import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { FIXTURE_ACCOUNT, type FixtureCaller, userArn } from "../__fixtures__/cloudtrail-records";
import { asRoot, callBy, detectRecords } from "../__fixtures__/detect-records";
import { FOREIGN_IP, nextKeyId, seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";

useTestDatabase();

const ROOT_KEY = `arn:aws:iam::${FIXTURE_ACCOUNT}:root`;

function consoleLogin(caller: FixtureCaller, mfaUsed: string, edit?: (record: Record<string, unknown>) => void) {
  return callBy(caller, "ConsoleLogin", {
    eventSource: "signin.amazonaws.com",
    responseElements: { ConsoleLogin: "Success" },
    edit: (record) => {
      record.additionalEventData = { LoginTo: "https://console.aws.amazon.com/console/home", MobileVersion: "No", MFAUsed: mfaUsed };
      edit?.(record);
    },
  });
}

function browser(userName: string): FixtureCaller {
  return { userName, accessKeyId: "", sourceIp: FOREIGN_IP, userAgent: "Mozilla/5.0" };
}

/** Stores a GuardDuty finding that reports the caller's key used from its address at TEST_TIME. */
async function reportKeyUse(abroad: FixtureCaller): Promise<void> {
  await db().finding.create({
    data: {
      id: `finding-${abroad.accessKeyId}`,
      type: "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
      title: "known bad address",
      severity: 5,
      severityLabel: "Medium",
      createdAt: new Date("2026-11-17T10:01:00Z"),
      updatedAt: new Date("2026-11-17T10:01:00Z"),
      eventFirstSeen: new Date("2026-11-17T10:00:00Z"),
      eventLastSeen: new Date("2026-11-17T10:00:00Z"),
      accessKeyId: abroad.accessKeyId,
      remoteIps: [abroad.sourceIp],
      details: {},
    },
  });
}

describe("console login without MFA", () => {
  it("flags a password-only sign-in", async () => {
    await detectRecords([consoleLogin(browser("carol"), "No")]);
    const [signal] = await signalsOf("console-login-without-mfa", userArn(browser("carol")));
    expect(signal?.score).toBe(15);
    expect(signal?.phase).toBe("detection");
  });

  it("accepts MFA in upper case", async () => {
    await detectRecords([consoleLogin(browser("dave"), "YES")]);
    expect(await signalsOf("console-login-without-mfa", userArn(browser("dave")))).toEqual([]);
  });

  it("leaves SAML sign-ins to the provider", async () => {
    const record = consoleLogin(browser("fred"), "No", (item) => {
      (item.additionalEventData as Record<string, unknown>).SamlProviderArn = "arn:aws:iam::111122223333:saml-provider/okta";
    });
    await detectRecords([record]);
    expect(await signalsOf("console-login-without-mfa", userArn(browser("fred")))).toEqual([]);
  });

  it("ignores a failed sign-in", async () => {
    const record = consoleLogin(browser("erin2"), "No", (item) => {
      item.responseElements = { ConsoleLogin: "Failure" };
      item.errorMessage = "Failed authentication";
    });
    await detectRecords([record]);
    expect(await signalsOf("console-login-without-mfa", userArn(browser("erin2")))).toEqual([]);
  });
});

describe("root activity", () => {
  it("flags the first call of a session", async () => {
    const first = callBy(browser("root"), "ListUsers", { time: "2026-11-18T09:00:00Z", edit: asRoot });
    const second = callBy(browser("root"), "ListRoles", { time: "2026-11-18T09:10:00Z", edit: asRoot });
    await detectRecords([first, second]);
    const signals = await signalsOf("root-activity", ROOT_KEY);
    expect(signals.map((signal) => signal.naturalId)).toEqual([first.eventID]);
    expect(signals[0]?.severity).toBe("high");
  });

  it("ignores calls a service makes for root", async () => {
    const record = callBy(browser("root"), "GetBucketAcl", {
      time: "2026-11-18T15:00:00Z",
      edit: (item) => {
        asRoot(item);
        (item.userIdentity as Record<string, unknown>).invokedBy = "cloudtrail.amazonaws.com";
      },
    });
    await detectRecords([record]);
    const signals = await db().signal.findMany({ where: { ruleId: "root-activity", naturalId: String(record.eventID) } });
    expect(signals).toEqual([]);
  });
});

describe("long-term key from a new network", () => {
  it("flags the key's first call from abroad", async () => {
    const { abroad, principalKey } = await seedUserHistory("gina");
    const first = callBy(abroad, "GetUser");
    const second = callBy(abroad, "ListUsers", { time: "2026-11-17T10:05:00Z" });
    await detectRecords([first, second]);
    const signals = await signalsOf("access-key-new-network", principalKey);
    expect(signals.map((signal) => signal.naturalId)).toEqual([first.eventID]);
    expect(signals[0]?.score).toBe(15);
  });

  it("ignores the usual office network", async () => {
    const { office, principalKey } = await seedUserHistory("hank");
    await detectRecords([callBy(office, "GetUser")]);
    expect(await signalsOf("access-key-new-network", principalKey)).toEqual([]);
  });

  it("leaves out what GuardDuty reported", async () => {
    const { abroad, principalKey } = await seedUserHistory("iris");
    await reportKeyUse(abroad);
    await detectRecords([callBy(abroad, "GetUser")]);
    expect(await signalsOf("access-key-new-network", principalKey)).toEqual([]);
  });

  it("ignores temporary keys", async () => {
    const { abroad, principalKey } = await seedUserHistory("jack");
    await detectRecords([callBy({ ...abroad, accessKeyId: nextKeyId("ASIA") }, "GetUser")]);
    expect(await signalsOf("access-key-new-network", principalKey)).toEqual([]);
  });
});

describe("long-term key from a new ASN", () => {
  it("flags the key's first call from a new provider", async () => {
    const { abroad, principalKey } = await seedUserHistory("kate");
    const first = callBy(abroad, "GetUser");
    const second = callBy(abroad, "ListUsers", { time: "2026-11-17T10:05:00Z" });
    await detectRecords([first, second]);
    const signals = await signalsOf("access-key-new-asn", principalKey);
    expect(signals.map((signal) => signal.naturalId)).toEqual([first.eventID]);
    expect(signals[0]?.score).toBe(5);
    expect(signals[0]?.title).toBe(`Access key ${abroad.accessKeyId} used from a new ASN (AS60781 LeaseWeb Netherlands B.V.)`);
    expect(signals[0]?.details).toMatchObject({
      addressOwner: "AS60781 LeaseWeb Netherlands B.V.",
      novelty: { asn: { dimension: "asn", value: "AS60781", verdict: "new" } },
    });
  });

  it("ignores a new network of the usual provider", async () => {
    // 64.124.20.1 is announced by AS6461 (Zayo Bandwidth), like the office address, from another /24.
    const { office, principalKey } = await seedUserHistory("liam");
    await detectRecords([callBy({ ...office, sourceIp: "64.124.20.1" }, "GetUser")]);
    expect(await signalsOf("access-key-new-asn", principalKey)).toEqual([]);
    expect((await signalsOf("access-key-new-network", principalKey)).length).toBe(1);
  });

  it("leaves out AWS-owned addresses", async () => {
    // 34.240.0.10 is announced by AS16509 (Amazon.com, Inc.) and placed in Ireland.
    const { office, principalKey } = await seedUserHistory("mona");
    await detectRecords([callBy({ ...office, sourceIp: "34.240.0.10" }, "GetUser")]);
    expect(await signalsOf("access-key-new-asn", principalKey)).toEqual([]);
    const [network] = await signalsOf("access-key-new-network", principalKey);
    expect(network?.severity).toBe("medium");
    expect(network?.title).toBe(`Access key ${office.accessKeyId} used from a new AWS-owned network (AS16509 Amazon.com, Inc.)`);
    expect(network?.details).toMatchObject({ addressOwner: "AWS-owned (AS16509 Amazon.com, Inc.)" });
  });

  it("leaves out what GuardDuty reported", async () => {
    const { abroad, principalKey } = await seedUserHistory("olga");
    await reportKeyUse(abroad);
    await detectRecords([callBy(abroad, "GetUser")]);
    expect(await signalsOf("access-key-new-asn", principalKey)).toEqual([]);
  });

  it("ignores a service call from AWS", async () => {
    const { office, principalKey } = await seedUserHistory("nils");
    const record = callBy({ ...office, sourceIp: "34.240.0.10" }, "GetUser", {
      edit: (item) => {
        (item.userIdentity as Record<string, unknown>).invokedBy = "athena.amazonaws.com";
      },
    });
    await detectRecords([record]);
    expect(await signalsOf("access-key-new-network", principalKey)).toEqual([]);
    expect(await signalsOf("access-key-new-asn", principalKey)).toEqual([]);
  });
});
