import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it, vi } from "vitest";

import { runCoverageCommand } from "@/lib/cli/coverage-command";
import { db } from "@/lib/db/client";
import { buildCoverageGrid } from "@/lib/ingest/coverage/build-coverage-grid";
import { findCoverageGaps } from "@/lib/ingest/coverage/find-coverage-gaps";
import { findDigestMismatches, type DigestMismatches } from "@/lib/ingest/coverage/find-digest-mismatches";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const BUCKET = "audit-logs-111122223333";
const FOLDER = `AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2024/03/05`;
const DIGEST_FOLDER = `AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/2024/03/05`;

function logKey(hour: number, suffix: string): string {
  return `${FOLDER}/${ACCOUNT}_CloudTrail_${REGION}_20240305T${String(hour).padStart(2, "0")}05Z_${suffix}.json.gz`;
}

function digestKey(endHour: number): string {
  return `${DIGEST_FOLDER}/${ACCOUNT}_CloudTrail-Digest_${REGION}_trail_${REGION}_20240305T${String(endHour).padStart(2, "0")}0000Z.json.gz`;
}

/** Two records at minutes 1 and 2 of `hour` on 2024-03-05. */
function logContent(hour: number): string {
  const records = [1, 2].map((minute) =>
    makeAssumedRoleRecord(400_000 + hour * 10 + minute, { eventTime: `2024-03-05T${String(hour).padStart(2, "0")}:0${minute}:00Z` }),
  );
  return JSON.stringify({ Records: records });
}

function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

function digest(startHour: number, files: Array<{ key: string; content: string; hour: number }>): string {
  const at = (hour: number, minute = 0) => `2024-03-05T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}:00Z`;
  return JSON.stringify({
    awsAccountId: ACCOUNT,
    digestStartTime: at(startHour),
    digestEndTime: at(startHour + 1),
    digestS3Bucket: BUCKET,
    digestS3Object: `security/${digestKey(startHour + 1)}`,
    digestPublicKeyFingerprint: "0123456789abcdef0123456789abcdef",
    digestSignatureAlgorithm: "SHA256withRSA",
    logFiles: files.map((file) => ({
      s3Bucket: BUCKET,
      s3Object: `security/${file.key}`,
      hashValue: sha256(file.content),
      hashAlgorithm: "SHA-256",
      oldestEventTime: at(file.hour, 1),
      newestEventTime: at(file.hour, 2),
    })),
  });
}

function write(root: string, key: string, content: string | Buffer): string {
  const path = join(root, "bucket-copy", key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe("CloudTrail digests and coverage", () => {
  let root: string;
  let summary: IngestSummary;
  let mismatches: DigestMismatches;
  const present = { key: logKey(12, "aaaa1111bbbb2222"), content: logContent(12), hour: 12 };
  const missing = { key: logKey(13, "cccc3333dddd4444"), content: logContent(13), hour: 13 };
  const altered = { key: logKey(14, "eeee5555ffff6666"), content: logContent(14), hour: 14 };
  const late = { key: logKey(17, "gggg7777hhhh8888"), content: logContent(17), hour: 17 };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "watchfloor-digest-"));
    write(root, present.key, gzipSync(present.content));
    write(root, altered.key, gzipSync(altered.content.replace('"GetObject"', '"PutObject"')));
    write(root, late.key, gzipSync(late.content));
    write(root, digestKey(13), gzipSync(digest(12, [present])));
    write(root, digestKey(14), gzipSync(digest(13, [missing])));
    write(root, digestKey(15), gzipSync(digest(14, [altered])));
    write(root, digestKey(16), gzipSync(digest(15, [])));
    summary = await ingestPaths({ paths: [root], origin: "test" });
    mismatches = await findDigestMismatches();
  });

  it("reports each digest as skipped", () => {
    expect(summary.skipped.map((entry) => entry.reason)).toEqual([
      "CloudTrail digest file: digest recorded; lists 1 log file",
      "CloudTrail digest file: digest recorded; lists 1 log file",
      "CloudTrail digest file: digest recorded; lists 1 log file",
      "CloudTrail digest file: digest recorded; lists 0 log files",
    ]);
    expect(summary.bySource.cloudtrail.skipped).toBe(4);
  });

  it("records the digests and their log files", async () => {
    const digests = await db().digestFile.findMany({ orderBy: { digestStart: "asc" }, include: { logFiles: true } });
    expect(digests.map((d) => d.s3Key)).toEqual([13, 14, 15, 16].map((hour) => `security/${digestKey(hour)}`));
    expect(digests.map((d) => [d.accountId, d.region])).toEqual(Array(4).fill([ACCOUNT, REGION]));
    expect(digests[0].logFiles).toEqual([
      {
        digestId: digests[0].id,
        s3Bucket: BUCKET,
        s3Key: `security/${present.key}`,
        hashValue: sha256(present.content),
        oldestEventTime: new Date("2024-03-05T12:01:00Z"),
        newestEventTime: new Date("2024-03-05T12:02:00Z"),
      },
    ]);
  });

  it("keys a local file from AWSLogs on", async () => {
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: { endsWith: present.key } } });
    expect(file.s3Key).toBe(present.key);
  });

  it("hashes stored and decompressed bytes", async () => {
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: { endsWith: present.key } } });
    expect(file.contentSha256).toBe(sha256(present.content));
    expect(file.sha256).toBe(sha256(gzipSync(present.content)));
  });

  it("finds the log file never ingested", () => {
    expect(mismatches.missing).toEqual([
      {
        accountId: ACCOUNT,
        region: REGION,
        fromHour: "2024-03-05T13:00:00.000Z",
        toHour: "2024-03-05T13:00:00.000Z",
        s3Bucket: BUCKET,
        s3Key: `security/${missing.key}`,
        digestKey: `security/${digestKey(14)}`,
        reason: "never ingested",
      },
    ]);
  });

  it("finds the file altered after delivery", () => {
    expect(mismatches.altered).toHaveLength(1);
    expect(mismatches.altered[0]).toMatchObject({
      s3Key: `security/${altered.key}`,
      expectedSha256: sha256(altered.content),
      ingestedSha256: sha256(altered.content.replace('"GetObject"', '"PutObject"')),
      fromHour: "2024-03-05T14:00:00.000Z",
    });
  });

  it("counts the digests and listed files", () => {
    expect(mismatches.digests).toBe(4);
    expect(mismatches.logFiles).toBe(3);
    expect(mismatches.unverified).toBe(0);
  });

  it("shows each hour's state on the grid", async () => {
    const grid = await buildCoverageGrid({ from: new Date("2024-03-05T11:00:00Z"), to: new Date("2024-03-05T19:00:00Z") });
    expect(grid.rows).toHaveLength(1);
    const states = Object.fromEntries(grid.rows[0].cells.map((cell) => [cell.hour.slice(11, 13), cell.state]));
    expect(states).toEqual({ "11": "none", "12": "data", "13": "missing", "14": "altered", "15": "quiet", "16": "no-data", "17": "data", "18": "none" });
    expect(grid.rows[0].cells[1].records).toBe(2);
  });

  it("lists the gaps inside a window", async () => {
    const gaps = await findCoverageGaps({ from: new Date("2024-03-05T12:30:00Z"), to: new Date("2024-03-05T16:10:00Z") });
    expect(gaps.map((gap) => [gap.hour.slice(11, 13), gap.state])).toEqual([
      ["13", "missing"],
      ["14", "altered"],
      ["16", "no-data"],
    ]);
  });

  it("lists only the gaps of the accounts asked for", async () => {
    const window = { from: new Date("2024-03-05T12:30:00Z"), to: new Date("2024-03-05T16:10:00Z") };
    expect(await findCoverageGaps({ ...window, accountIds: ["999988887777"] })).toEqual([]);
    expect(await findCoverageGaps({ ...window, accountIds: [ACCOUNT] })).toEqual(await findCoverageGaps(window));
  });

  it("prints both lists from the CLI", async () => {
    const output: string[] = [];
    const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    const code = await runCoverageCommand({});
    spy.mockRestore();
    expect(code).toBe(2);
    const lines = output.join("").trimEnd().split("\n");
    expect(lines[0]).toBe("4 CloudTrail digest files list 3 log files: 1 not ingested, 1 altered after delivery.");
    expect(lines[1]).toBe(`missing  ${ACCOUNT} ${REGION} 2024-03-05 13:00 UTC  security/${missing.key} (never ingested)`);
    expect(lines[2]).toMatch(new RegExp(`^altered  ${ACCOUNT} ${REGION} 2024-03-05 14:00 UTC  .*${altered.key}: SHA-256 of the content is [0-9a-f]{64}, the digest lists ${sha256(altered.content)}$`));
  });

  it("keeps the events of the stored files", async () => {
    const ids = [12, 14, 17].flatMap((hour) => [1, 2].map((minute) => eventIdFor(400_000 + hour * 10 + minute)));
    expect(await db().event.count({ where: { naturalId: { in: ids } } })).toBe(6);
  });

  it("counts a broken digest as a rejected CloudTrail file", async () => {
    const broken = JSON.parse(digest(20, [present])) as { logFiles: Array<{ hashValue: string }> };
    broken.logFiles[0]!.hashValue = "not-a-hash";
    const folder = mkdtempSync(join(tmpdir(), "watchfloor-digest-broken-"));
    const path = join(folder, "broken-digest.json");
    writeFileSync(path, JSON.stringify(broken));
    const result = await ingestPaths({ paths: [path], origin: "test" });
    expect(result.rejected).toEqual([{ file: path, record: null, field: "logFiles[0].hashValue", reason: expect.stringContaining("expected a hex SHA-256") }]);
    expect(result.bySource.cloudtrail.rejected).toBe(1);
  });

  it("matches a file ingested without its key by content hash", async () => {
    const alone = join(root, "uploaded-alone.json.gz");
    writeFileSync(alone, gzipSync(missing.content));
    await ingestPaths({ paths: [alone], origin: "test" });
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: alone } });
    expect(file.s3Key).toBeNull();
    const after = await findDigestMismatches();
    expect(after.missing).toEqual([]);
    expect(after.altered).toHaveLength(1);
  });
});
