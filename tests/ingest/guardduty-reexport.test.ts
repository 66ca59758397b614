import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { getRawEvent } from "@/lib/events/get-raw-event";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import { summaryLine, type IngestSummary } from "@/lib/ingest/ingest-summary";
import { portProbeFinding } from "@/lib/sources/guardduty/fixtures/findings";

import { runCli } from "../helpers/run-cli";
import { useTestDatabase } from "../helpers/test-database";

const database = useTestDatabase();

type Finding = Record<string, unknown>;

const FINDING_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
const REMOTE_IPS = ["203.0.113.10", "203.0.113.20"];

/** Returns the port-probe finding as GuardDuty exports it again later: a higher count, newer times. */
function reexported(): Finding {
  const finding = portProbeFinding();
  const service = finding.service as Record<string, unknown>;
  return {
    ...finding,
    updatedAt: "2024-06-11T11:05:00.250Z",
    service: { ...service, count: 44, eventLastSeen: "2024-06-11T11:00:00.000Z" },
  };
}

/** Writes findings as a GuardDuty S3 export writes them: JSON Lines, gzip. */
function writeExport(dir: string, name: string, findings: Finding[]): string {
  const path = join(dir, name);
  writeFileSync(path, gzipSync(`${findings.map((finding) => JSON.stringify(finding)).join("\n")}\n`));
  return path;
}

describe("GuardDuty finding exported twice", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-reexport-"));
  const id = FINDING_ID;
  let first: IngestSummary;
  let second: IngestSummary;
  let third: IngestSummary;
  let incidentsAfterFirst = 0;

  beforeAll(async () => {
    first = await ingestPaths({ paths: [writeExport(dir, "first.jsonl.gz", [portProbeFinding()])], origin: "test" });
    incidentsAfterFirst = await db().incident.count();
    second = await ingestPaths({ paths: [writeExport(dir, "second.jsonl.gz", [reexported()])], origin: "test" });
    third = await ingestPaths({ paths: [writeExport(dir, "third.jsonl.gz", [reexported()])], origin: "test" });
  });

  it("keeps one finding row", async () => {
    expect(await db().finding.count()).toBe(1);
    expect(first.bySource.guardduty.records).toBe(1);
    expect(second.bySource.guardduty.records).toBe(1);
  });

  it("counts the first version as stored", () => {
    expect([first.inserted, first.updated, first.duplicates]).toEqual([1, 0, 0]);
  });

  it("counts a newer version as updated", () => {
    expect([second.inserted, second.updated, second.duplicates]).toEqual([0, 1, 0]);
    expect(second.bySource.guardduty.updated).toBe(1);
    expect(second.bySource.guardduty.duplicates).toBe(0);
    expect(summaryLine(second)).toBe("1 file, 1 record: 0 stored, 1 updated, 0 duplicates, 0 files skipped, 0 rejected.");
  });

  it("stores the updated count on batch and file", async () => {
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: second.batchId } });
    expect([batch.records, batch.inserted, batch.updated, batch.duplicates]).toEqual([1, 0, 1, 0]);
    const file = await db().ingestFile.findFirstOrThrow({ where: { batchId: second.batchId } });
    expect([file.records, file.inserted, file.updated, file.duplicates]).toEqual([1, 0, 1, 0]);
    const unchanged = await db().ingestFile.findFirstOrThrow({ where: { batchId: third.batchId } });
    expect([unchanged.updated, unchanged.duplicates]).toEqual([0, 1]);
  });

  it("shows the newest version on the record page", async () => {
    const record = await getRawEvent({ source: "guardduty", naturalId: id });
    expect(JSON.parse(record?.raw ?? "{}")).toMatchObject({ updatedAt: "2024-06-11T11:05:00.250Z", service: { count: 44 } });
    expect(record?.findingVersions.map((version) => [version.updatedAt, version.count])).toEqual([
      ["2024-06-11T11:05:00.250Z", 44],
      ["2024-06-11T09:36:00.999Z", 31],
    ]);
    expect(record?.deliveries.map((delivery) => delivery.filePath)).toEqual([
      join(dir, "first.jsonl.gz"),
      join(dir, "second.jsonl.gz"),
      join(dir, "third.jsonl.gz"),
    ]);
  });

  it("counts an identical copy as a duplicate", () => {
    expect([third.inserted, third.updated, third.duplicates]).toEqual([0, 0, 1]);
    expect(third.bySource.guardduty.updated).toBe(0);
    expect(summaryLine(third)).toBe("1 file, 1 record: 0 stored, 1 duplicate, 0 files skipped, 0 rejected.");
  });

  it("updates count and last seen", async () => {
    const row = await db().finding.findUniqueOrThrow({ where: { id } });
    expect(row.count).toBe(44);
    expect(row.updatedAt.toISOString()).toBe("2024-06-11T11:05:00.250Z");
    expect(row.eventFirstSeen?.toISOString()).toBe("2024-06-11T07:00:00.000Z");
    expect(row.eventLastSeen?.toISOString()).toBe("2024-06-11T11:00:00.000Z");
  });

  it("keeps both remote actors", async () => {
    const row = await db().finding.findUniqueOrThrow({ where: { id } });
    expect([...row.remoteIps].sort()).toEqual(REMOTE_IPS);
    expect(row.severityLabel).toBe("Low");
  });

  it("stores each version", async () => {
    const versions = await db().findingVersion.findMany({ where: { findingId: id }, orderBy: { updatedAt: "asc" } });
    expect(versions.map((version) => [version.updatedAt.toISOString(), version.count])).toEqual([
      ["2024-06-11T09:36:00.999Z", 31],
      ["2024-06-11T11:05:00.250Z", 44],
    ]);
  });

  it("prints updated findings on the command line", async () => {
    const later = reexported();
    const service = later.service as Record<string, unknown>;
    const path = writeExport(dir, "fourth.jsonl.gz", [{ ...later, updatedAt: "2024-06-11T12:00:00.000Z", service: { ...service, count: 50 } }]);
    const { code, stdout } = await runCli(["ingest", path], { DATABASE_URL: database.url() });
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe("1 file, 1 record: 0 stored, 1 updated, 0 duplicates, 0 files skipped, 0 rejected.");
  });

  it("opens no second incident", async () => {
    expect(await db().incident.count()).toBe(incidentsAfterFirst);
  });
});
