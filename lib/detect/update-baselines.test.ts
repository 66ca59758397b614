import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { buildCloudTrailRow, toEventCreateInput } from "./__fixtures__/build-cloudtrail-row";
import { type FixtureCaller, iamUserCall, userArn } from "./__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "./__fixtures__/insert-fixture-events";
import { updateBaselines } from "./update-baselines";

useTestDatabase();

const ANA: FixtureCaller = {
  userName: "ana",
  accessKeyId: "AKIAANAEXAMPLE000001",
  sourceIp: "64.124.16.37",
  userAgent: "aws-cli/2.17.46",
};

async function entry(principalKey: string, dimension: string, value: string) {
  return db().baselineEntry.findUnique({
    where: { principalKey_dimension_value: { principalKey, dimension, value } },
  });
}

describe("updateBaselines", () => {
  it("keeps earliest first seen", async () => {
    const caller = { ...ANA, userName: "ana-shuffled" };
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-12T10:00:00Z" }),
    ]);
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-10T10:00:00Z" }),
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-11T10:00:00Z" }),
    ]);
    const principal = await db().principal.findUniqueOrThrow({ where: { key: userArn(caller) } });
    expect(principal.firstSeen.toISOString()).toBe("2026-11-10T10:00:00.000Z");
    expect(principal.lastSeen.toISOString()).toBe("2026-11-12T10:00:00.000Z");
    expect(principal.eventCount).toBe(3);
  });

  it("records every dimension of a call", async () => {
    const caller = { ...ANA, userName: "ana-dimensions" };
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "iam.amazonaws.com", eventName: "ListUsers", time: "2026-11-12T10:00:00Z" }),
    ]);
    const key = userArn(caller);
    expect((await entry(key, "ip", "64.124.16.37"))?.count).toBe(1);
    expect((await entry(key, "network", "64.124.16.0/24"))?.count).toBe(1);
    expect((await entry(key, "country", "US"))?.count).toBe(1);
    expect((await entry(key, "asn", "AS6461"))?.count).toBe(1);
    expect((await entry(key, "userAgent", "aws-cli/2.17.46"))?.count).toBe(1);
    expect((await entry(key, "region", "us-east-1"))?.count).toBe(1);
    expect((await entry(key, "service", "iam.amazonaws.com"))?.count).toBe(1);
    expect((await entry(key, "api", "iam.amazonaws.com:ListUsers"))?.count).toBe(1);
  });

  it("adds counts of a later batch", async () => {
    const caller = { ...ANA, userName: "ana-counts" };
    const call = { caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets" };
    await insertFixtureEvents([iamUserCall({ ...call, time: "2026-11-12T10:00:00Z" })]);
    await insertFixtureEvents([
      iamUserCall({ ...call, time: "2026-11-12T11:00:00Z" }),
      iamUserCall({ ...call, time: "2026-11-12T09:00:00Z" }),
    ]);
    const ip = await entry(userArn(caller), "ip", "64.124.16.37");
    expect(ip?.count).toBe(3);
    expect(ip?.firstSeen.toISOString()).toBe("2026-11-12T09:00:00.000Z");
    expect(ip?.lastSeen.toISOString()).toBe("2026-11-12T11:00:00.000Z");
  });

  it("stores an IPv6 address in inet form", async () => {
    const caller = { ...ANA, userName: "ana-ipv6", sourceIp: "2A00:1450:4001:080B:0:0:0:200E" };
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-12T10:00:00Z" }),
    ]);
    expect(await entry(userArn(caller), "ip", "2a00:1450:4001:80b::200e")).not.toBeNull();
    expect(await entry(userArn(caller), "network", "2a00:1450:4001::/48")).not.toBeNull();
  });

  it("counts an ASN across its networks", async () => {
    const caller = { ...ANA, userName: "ana-asn" };
    const call = { eventSource: "s3.amazonaws.com", eventName: "ListBuckets" };
    // 85.17.0.0/16 is one range of AS60781 (LeaseWeb Netherlands B.V.).
    await insertFixtureEvents([
      iamUserCall({ ...call, caller: { ...caller, sourceIp: "85.17.31.122" }, time: "2026-11-12T10:00:00Z" }),
      iamUserCall({ ...call, caller: { ...caller, sourceIp: "85.17.200.9" }, time: "2026-11-13T10:00:00Z" }),
    ]);
    const asn = await entry(userArn(caller), "asn", "AS60781");
    expect(asn?.count).toBe(2);
    expect(asn?.firstSeen.toISOString()).toBe("2026-11-12T10:00:00.000Z");
    expect(asn?.lastSeen.toISOString()).toBe("2026-11-13T10:00:00.000Z");
  });

  it("records the ASN of an AWS-owned address", async () => {
    // 3.80.0.0-3.95.255.255 is announced by AS14618 (AMAZON-AES).
    const caller = { ...ANA, userName: "ana-ec2", sourceIp: "3.91.171.44" };
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-12T10:00:00Z" }),
    ]);
    expect((await entry(userArn(caller), "asn", "AS14618"))?.count).toBe(1);
    expect((await entry(userArn(caller), "ip", "3.91.171.44"))?.count).toBe(1);
  });

  it("records no ASN for a private address", async () => {
    const caller = { ...ANA, userName: "ana-private", sourceIp: "10.20.1.25" };
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-12T10:00:00Z" }),
    ]);
    const entries = await db().baselineEntry.findMany({ where: { principalKey: userArn(caller), dimension: "asn" } });
    expect(entries).toEqual([]);
  });

  it("links a long-term key to its IAM user", async () => {
    const caller = { ...ANA, userName: "ana-key", accessKeyId: "AKIAANAEXAMPLE000002" };
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-12T10:00:00Z" }),
    ]);
    const key = await db().accessKey.findUniqueOrThrow({ where: { accessKeyId: "AKIAANAEXAMPLE000002" } });
    expect(key.principalKey).toBe(userArn(caller));
    expect(key.firstSeen?.toISOString()).toBe("2026-11-12T10:00:00.000Z");
  });

  it("skips place of service principals", async () => {
    const record = iamUserCall({
      caller: ANA,
      eventSource: "sts.amazonaws.com",
      eventName: "AssumeRole",
      time: "2026-11-12T10:00:00Z",
    });
    record.userIdentity = { type: "AWSService", invokedBy: "lambda.amazonaws.com" };
    record.sourceIPAddress = "lambda.amazonaws.com";
    record.userAgent = "lambda.amazonaws.com";
    const row = buildCloudTrailRow(record);
    await db().event.createMany({ data: [toEventCreateInput(row)] });
    await updateBaselines({ rows: [row] });
    const entries = await db().baselineEntry.findMany({ where: { principalKey: "service:lambda.amazonaws.com" } });
    expect(entries.map((e) => e.dimension).sort()).toEqual(["api", "region", "service"]);
  });

  it("skips place of service-made calls", async () => {
    const caller = { ...ANA, userName: "ana-invoked", sourceIp: "cloudformation.amazonaws.com" };
    caller.userAgent = "cloudformation.amazonaws.com";
    await insertFixtureEvents([
      iamUserCall({ caller, eventSource: "iam.amazonaws.com", eventName: "CreateRole", time: "2026-11-12T10:00:00Z" }),
    ]);
    const dimensions = await db().baselineEntry.findMany({ where: { principalKey: userArn(caller) } });
    expect(dimensions.map((e) => e.dimension).sort()).toEqual(["api", "region", "service"]);
  });

  it("ignores rows without a principal key", async () => {
    const caller = { ...ANA, userName: "ana-no-key", accessKeyId: "AKIAANAEXAMPLE000003" };
    const row = buildCloudTrailRow(
      iamUserCall({ caller, eventSource: "s3.amazonaws.com", eventName: "ListBuckets", time: "2026-11-12T10:00:00Z" }),
    );
    row.principalKey = null;
    await db().event.createMany({ data: [toEventCreateInput(row)] });
    await updateBaselines({ rows: [row] });
    expect(await db().accessKey.count({ where: { accessKeyId: "AKIAANAEXAMPLE000003" } })).toBe(0);
  });
});
