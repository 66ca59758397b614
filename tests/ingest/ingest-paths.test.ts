import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { decodeRaw } from "@/lib/ingest/raw-codec";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const ACCOUNT = "111122223333";
const SHARED_EVENT_ID = "7d1c2b3a-0000-4333-8444-00000000a501";

function record(eventId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAQEXAMPLEUSER0001",
      arn: `arn:aws:iam::${ACCOUNT}:user/ops/dana`,
      accountId: ACCOUNT,
      accessKeyId: "AKIAQEXAMPLEKEY00001",
      userName: "dana",
    },
    eventTime: "2024-03-05T12:00:05Z",
    eventSource: "iam.amazonaws.com",
    eventName: "AttachUserPolicy",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.23",
    userAgent: "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12",
    requestParameters: { userName: "dana", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    responseElements: null,
    requestID: "0d7a3f1e-5b2c-4c8d-9e0f-1a2b3c4d5e6f",
    eventID: eventId,
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
    ...overrides,
  };
}

function write(root: string, relative: string, content: string | Buffer): string {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe("ingestPaths", () => {
  let root: string;
  let summary: IngestSummary;
  const orgKey = `AWSLogs/o-exampleorg1/${ACCOUNT}/CloudTrail/us-east-1/2024/03/05/${ACCOUNT}_CloudTrail_us-east-1_20240305T1200Z_a1b2c3d4e5f6g7h8.json.gz`;
  const accountKey = `security/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2024/03/05/${ACCOUNT}_CloudTrail_us-east-1_20240305T1200Z_h8g7f6e5d4c3b2a1.json.gz`;
  const digestKey = `AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/2024/03/05/${ACCOUNT}_CloudTrail-Digest_us-east-1_trail_us-east-1_20240305T130000Z.json.gz`;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "watchfloor-ingest-"));
    const shared = record(SHARED_EVENT_ID);
    const other = record("7d1c2b3a-0000-4333-8444-00000000a502", { eventName: "ListUsers", readOnly: true });
    // The organisation trail's copy is gzip made of two members, split inside the document.
    const orgDocument = Buffer.from(JSON.stringify({ Records: [shared, other] }));
    const half = Math.floor(orgDocument.length / 2);
    write(root, orgKey, Buffer.concat([gzipSync(orgDocument.subarray(0, half)), gzipSync(orgDocument.subarray(half))]));
    write(root, accountKey, gzipSync(JSON.stringify({ Records: [shared] })));
    write(
      root,
      "eventbridge/event.json",
      JSON.stringify({
        version: "0",
        id: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
        "detail-type": "AWS API Call via CloudTrail",
        source: "aws.iam",
        account: ACCOUNT,
        time: "2024-03-05T12:00:09Z",
        region: "us-east-1",
        resources: [],
        detail: shared,
      }),
    );
    write(
      root,
      digestKey,
      gzipSync(
        JSON.stringify({
          awsAccountId: ACCOUNT,
          digestStartTime: "2024-03-05T12:00:00Z",
          digestEndTime: "2024-03-05T13:00:00Z",
          digestPublicKeyFingerprint: "0123456789abcdef0123456789abcdef",
          digestSignatureAlgorithm: "SHA256withRSA",
          logFiles: [],
        }),
      ),
    );
    write(
      root,
      "exports/bad-record.json",
      JSON.stringify([record("7d1c2b3a-0000-4333-8444-00000000a503", { eventTime: 42 }), record("7d1c2b3a-0000-4333-8444-00000000a504")]),
    );
    write(root, "notes/readme.txt", "these are not AWS logs\n");
    summary = await ingestPaths({ paths: [root], origin: "test" });
  });

  it("stores one event per eventID across channels", async () => {
    const rows = await db().event.findMany({ where: { naturalId: SHARED_EVENT_ID } });
    expect(rows).toHaveLength(1);
  });

  it("records the further deliveries", async () => {
    const deliveries = await db().eventDelivery.count({ where: { naturalId: SHARED_EVENT_ID } });
    expect(deliveries).toBe(2);
  });

  it("keeps the exact raw bytes", async () => {
    const row = await db().event.findFirstOrThrow({ where: { naturalId: "7d1c2b3a-0000-4333-8444-00000000a502" } });
    const raw = decodeRaw(row.rawCodec, row.raw).toString("utf8");
    expect(raw).toBe(JSON.stringify(record("7d1c2b3a-0000-4333-8444-00000000a502", { eventName: "ListUsers", readOnly: true })));
  });

  it("reads both gzip members", async () => {
    const count = await db().event.count({ where: { naturalId: "7d1c2b3a-0000-4333-8444-00000000a502" } });
    expect(count).toBe(1);
  });

  it("counts records, inserts and duplicates", () => {
    expect(summary.files).toBe(6);
    expect(summary.inserted).toBe(3);
    expect(summary.duplicates).toBe(2);
  });

  it("skips the digest with a reason", () => {
    expect(summary.skipped).toHaveLength(1);
    expect(summary.skipped[0]?.file.endsWith(digestKey)).toBe(true);
    expect(summary.skipped[0]?.reason).toMatch(/digest/);
  });

  it("rejects the bad record and keeps its neighbour", async () => {
    const bad = summary.rejected.find((entry) => entry.file.endsWith("bad-record.json"));
    expect(bad?.record).toBe(0);
    expect(bad?.field).toMatch(/eventTime/);
    const neighbour = await db().event.count({ where: { naturalId: "7d1c2b3a-0000-4333-8444-00000000a504" } });
    expect(neighbour).toBe(1);
  });

  it("keeps the rejected record raw", async () => {
    const stored = await db().rejectedRecord.findFirstOrThrow({ where: { recordIndex: 0, path: { endsWith: "bad-record.json" } } });
    expect(Buffer.from(stored.raw ?? []).toString("utf8")).toContain('"eventTime":42');
  });

  it("rejects an unknown file and lists what was expected", () => {
    const unknown = summary.rejected.find((entry) => entry.file.endsWith("readme.txt"));
    expect(unknown?.record).toBeNull();
    expect(unknown?.reason).toMatch(/CloudTrail/);
  });

  it("attributes organisation trail files to the account", async () => {
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: { endsWith: orgKey } } });
    expect(file.orgId).toBe("o-exampleorg1");
    expect(file.accountId).toBe(ACCOUNT);
  });

  it("is idempotent when run again", async () => {
    const again = await ingestPaths({ paths: [root], origin: "test" });
    expect(again.inserted).toBe(0);
    expect(await db().event.count()).toBe(3);
  });
});
