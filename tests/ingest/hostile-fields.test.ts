import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { decodeRaw } from "@/lib/ingest/raw-codec";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const ACCOUNT = "111122223333";

function record(eventId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAQEXAMPLEHOSTILE1",
      arn: `arn:aws:iam::${ACCOUNT}:user/mallory`,
      accountId: ACCOUNT,
      accessKeyId: "AKIAQEXAMPLEHOSTILE1",
      userName: "mallory",
    },
    eventTime: "2024-03-05T12:00:05Z",
    eventSource: "s3.amazonaws.com",
    eventName: "ListBuckets",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.77",
    userAgent: "aws-cli/2.15.30",
    eventID: eventId,
    eventType: "AwsApiCall",
    recipientAccountId: ACCOUNT,
    ...overrides,
  };
}

describe("hostile field values", () => {
  let summary: IngestSummary;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-hostile-"));
    mkdirSync(join(root, "exports"));
    // Written by hand because JSON.stringify would escape the lone surrogate differently.
    const records = [
      JSON.stringify(record("9a000000-0000-4000-8000-000000000001")),
      JSON.stringify(record("9a000000-0000-4000-8000-000000000002", { userAgent: "evil\u0000ua" })),
      JSON.stringify(record("9a000000-0000-4000-8000-000000000003")).replace('"aws-cli/2.15.30"', '"lone \\udc00 surrogate"'),
      JSON.stringify(record("9a000000-0000-4000-8000-000000000004", { eventName: "L".repeat(3000) })),
      JSON.stringify(record("9a000000-0000-4000-8000-000000000005", { userAgent: "x".repeat(100_000) })),
      JSON.stringify(record("9a000000-0000-4000-8000-000000000006")),
    ];
    writeFileSync(join(root, "exports", "hostile.json"), `[${records.join(",")}]`);
    summary = await ingestPaths({ paths: [root], origin: "test" });
  });

  it("stores every record but the oversized name", () => {
    expect(summary.inserted).toBe(5);
    expect(summary.rejected).toHaveLength(1);
  });

  it("names the oversized field", () => {
    expect(summary.rejected[0]?.record).toBe(3);
    expect(summary.rejected[0]?.field).toBe("[3].eventName");
  });

  it("replaces NUL in the column only", async () => {
    const row = await db().event.findFirstOrThrow({ where: { naturalId: "9a000000-0000-4000-8000-000000000002" } });
    expect(row.userAgent).toBe("evil\uFFFDua");
    expect(decodeRaw(row.rawCodec, row.raw).toString("utf8")).toContain('"evil\\u0000ua"');
  });

  it("replaces a lone surrogate", async () => {
    const row = await db().event.findFirstOrThrow({ where: { naturalId: "9a000000-0000-4000-8000-000000000003" } });
    expect(row.userAgent).toBe("lone \uFFFD surrogate");
  });

  it("clips a huge user agent column", async () => {
    const row = await db().event.findFirstOrThrow({ where: { naturalId: "9a000000-0000-4000-8000-000000000005" } });
    expect(row.userAgent?.length).toBe(4096);
    expect(decodeRaw(row.rawCodec, row.raw).length).toBeGreaterThan(100_000);
  });
});

describe("GuardDuty finding times", () => {
  it("rejects a numeric createdAt", async () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-gd-"));
    const finding = {
      schemaVersion: "2.0",
      accountId: ACCOUNT,
      region: "us-east-1",
      id: "0f1e2d3c4b5a69788796a5b4c3d2e1f0",
      type: "Recon:IAMUser/MaliciousIPCaller",
      severity: 5,
      createdAt: 12,
      updatedAt: "2024-03-05T12:00:00.000Z",
      title: "Reconnaissance from a known malicious address",
      resource: { resourceType: "AccessKey" },
      service: { serviceName: "guardduty", count: 1 },
    };
    writeFileSync(join(root, "findings.json"), JSON.stringify({ Findings: [finding] }));
    const result = await ingestPaths({ paths: [root], origin: "test" });
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]?.field).toBe("Findings[0].createdAt");
    expect(await db().finding.count({ where: { id: finding.id } })).toBe(0);
  });
});
