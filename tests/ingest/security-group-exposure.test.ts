import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const ACCOUNT = "111122223333";
const RULE = "ec2-security-group-open-to-world";

function ingressRecord(eventId: string, requestParameters: Record<string, unknown>): Record<string, unknown> {
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAQEXAMPLEDEV00001",
      arn: `arn:aws:iam::${ACCOUNT}:user/example-dev`,
      accountId: ACCOUNT,
      accessKeyId: "AKIAQEXAMPLEDEVKEY01",
      userName: "example-dev",
    },
    eventTime: "2024-03-05T12:30:01Z",
    eventSource: "ec2.amazonaws.com",
    eventName: "AuthorizeSecurityGroupIngress",
    awsRegion: "eu-west-1",
    sourceIPAddress: "198.51.100.140",
    userAgent: "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0",
    requestParameters,
    responseElements: { _return: true },
    eventID: eventId,
    eventType: "AwsApiCall",
    recipientAccountId: ACCOUNT,
  };
}

function write(root: string, relative: string, content: string | Buffer): void {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

describe("security group exposure", () => {
  const sshToWorld = ingressRecord("5e0b6c1a-0000-4333-8444-00000000b601", {
    groupId: "sg-0abc1234def567890",
    ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: "0.0.0.0/0" }] } }] },
  });
  const flatRdp = ingressRecord("5e0b6c1a-0000-4333-8444-00000000b602", {
    groupId: "sg-0fedcba9876543210",
    ipProtocol: "tcp",
    fromPort: 3389,
    toPort: 3389,
    cidrIp: "0.0.0.0/0",
  });
  const officeOnly = ingressRecord("5e0b6c1a-0000-4333-8444-00000000b603", {
    groupId: "sg-0123456789abcdef0",
    ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: "198.51.100.0/24" }] } }] },
  });

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-sg-"));
    write(
      root,
      "eventbridge/ingress.json",
      JSON.stringify({
        version: "0",
        id: "aaaaaaaa-1111-4222-8333-444444444444",
        "detail-type": "AWS API Call via CloudTrail",
        source: "aws.ec2",
        account: ACCOUNT,
        time: "2024-03-05T12:30:04Z",
        region: "eu-west-1",
        resources: [],
        detail: sshToWorld,
      }),
    );
    write(
      root,
      `AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/2024/03/05/${ACCOUNT}_CloudTrail_eu-west-1_20240305T1235Z_k2j3h4g5f6d7s8a9.json.gz`,
      gzipSync(JSON.stringify({ Records: [sshToWorld, flatRdp, officeOnly] })),
    );
    await ingestPaths({ paths: [root], origin: "test" });
  });

  it("stores the EventBridge and S3 copies once", async () => {
    const rows = await db().event.findMany({ where: { naturalId: "5e0b6c1a-0000-4333-8444-00000000b601" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.eventTime.toISOString()).toBe("2024-03-05T12:30:01.000Z");
  });

  it("signals SSH open to the world once", async () => {
    const signals = await db().signal.findMany({ where: { ruleId: RULE, naturalId: "5e0b6c1a-0000-4333-8444-00000000b601" } });
    expect(signals).toHaveLength(1);
    expect(signals[0]?.severity).toBe("high");
    expect(signals[0]?.title).toBe("SSH (22) opened to the internet on sg-0abc1234def567890");
  });

  it("reads the flat request form", async () => {
    const signal = await db().signal.findFirstOrThrow({ where: { ruleId: RULE, naturalId: "5e0b6c1a-0000-4333-8444-00000000b602" } });
    expect(signal.title).toBe("RDP (3389) opened to the internet on sg-0fedcba9876543210");
  });

  it("ignores a rule limited to one network", async () => {
    const count = await db().signal.count({ where: { ruleId: RULE, naturalId: "5e0b6c1a-0000-4333-8444-00000000b603" } });
    expect(count).toBe(0);
  });
});
