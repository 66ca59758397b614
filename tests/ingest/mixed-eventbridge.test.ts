import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it, vi } from "vitest";

import { db } from "@/lib/db/client";
import { CloudTrailWorkerPool } from "@/lib/ingest/cloudtrail-worker-pool";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";
import { eventBridgeEvent, portProbeFinding } from "@/lib/sources/guardduty/fixtures/findings";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

/** Returns an EventBridge event of a CloudTrail record, as a rule on `aws.*` API calls delivers it. */
function cloudTrailEvent(n: number, padding = ""): Record<string, unknown> {
  const detail = makeAssumedRoleRecord(n, padding === "" ? {} : { requestParameters: { padding } });
  return {
    version: "0",
    id: `0c0ffee0-0000-4000-8000-${String(n).padStart(12, "0")}`,
    "detail-type": "AWS API Call via CloudTrail",
    source: "aws.iam",
    account: "111122223333",
    time: "2024-06-11T09:40:00Z",
    region: "eu-west-1",
    resources: [],
    detail,
  };
}

function findingEvent(id: string): Record<string, unknown> {
  return eventBridgeEvent({ ...portProbeFinding(), id });
}

const FIRST_FINDING = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";
const SECOND_FINDING = "f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2f2";
const LARGE_FINDING = "f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3f3";

async function storedCloudTrail(ids: number[]): Promise<number> {
  return db().event.count({ where: { source: "cloudtrail", naturalId: { in: ids.map(eventIdFor) } } });
}

describe("EventBridge batch of CloudTrail and GuardDuty events", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-mixed-eventbridge-"));
  const array = join(dir, "array.json");
  const lines = join(dir, "lines.jsonl");
  let summary: IngestSummary;

  beforeAll(async () => {
    writeFileSync(array, JSON.stringify([cloudTrailEvent(900_001), findingEvent(FIRST_FINDING), cloudTrailEvent(900_002)]));
    writeFileSync(lines, `${[findingEvent(SECOND_FINDING), cloudTrailEvent(900_003)].map((event) => JSON.stringify(event)).join("\n")}\n`);
    summary = await ingestPaths({ paths: [array, lines], origin: "test" });
  });

  it("rejects no event", () => {
    expect(summary.rejected).toEqual([]);
  });

  it("stores the GuardDuty events as findings", async () => {
    const rows = await db().finding.findMany({ where: { id: { in: [FIRST_FINDING, SECOND_FINDING] } }, select: { id: true } });
    expect(rows.map((row) => row.id).sort()).toEqual([FIRST_FINDING, SECOND_FINDING]);
  });

  it("stores the CloudTrail events in either order", async () => {
    expect(await storedCloudTrail([900_001, 900_002, 900_003])).toBe(3);
  });

  it("counts each event under its source", () => {
    expect(summary.bySource.cloudtrail).toMatchObject({ files: 1, records: 3, inserted: 3, rejected: 0 });
    expect(summary.bySource.guardduty).toMatchObject({ files: 1, records: 2, inserted: 2, rejected: 0 });
    expect([summary.records, summary.inserted]).toEqual([5, 5]);
  });

  it("counts every event in its file", async () => {
    const files = await db().ingestFile.findMany({ where: { path: { in: [array, lines] } }, orderBy: { path: "asc" } });
    expect(files.map((file) => [file.kind, file.status, file.records, file.inserted, file.rejected])).toEqual([
      ["cloudtrail-eventbridge", "complete", 3, 3, 0],
      ["guardduty", "complete", 2, 2, 0],
    ]);
  });
});

describe("EventBridge batch read in a worker thread", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-mixed-worker-"));
  const path = join(dir, "large.jsonl");
  let summary: IngestSummary;
  let workerReads = 0;

  beforeAll(async () => {
    const padding = "p".repeat(2_000);
    const events = Array.from({ length: 200 }, (_, i) => cloudTrailEvent(910_000 + i, padding));
    events.splice(100, 0, findingEvent(LARGE_FINDING));
    writeFileSync(path, `${events.map((event) => JSON.stringify(event)).join("\n")}\n`);
    // Files from 256 KiB up are read in a worker thread.
    expect(statSync(path).size).toBeGreaterThan(256 * 1024);
    const reads = vi.spyOn(CloudTrailWorkerPool.prototype, "ingest");
    summary = await ingestPaths({ paths: [path], origin: "test", readInWorkers: true });
    workerReads = reads.mock.calls.length;
    reads.mockRestore();
  }, 60_000);

  it("reads the file in a worker", () => {
    expect(workerReads).toBe(1);
  });

  it("stores the finding and the events around it", async () => {
    expect(summary.rejected).toEqual([]);
    expect(await db().finding.count({ where: { id: LARGE_FINDING } })).toBe(1);
    expect(await storedCloudTrail(Array.from({ length: 200 }, (_, i) => 910_000 + i))).toBe(200);
  });

  it("counts the finding under GuardDuty", () => {
    expect(summary.bySource.cloudtrail).toMatchObject({ files: 1, records: 200, inserted: 200 });
    expect(summary.bySource.guardduty).toMatchObject({ files: 0, records: 1, inserted: 1 });
  });
});
