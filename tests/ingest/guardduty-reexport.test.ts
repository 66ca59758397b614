import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { portProbeFinding } from "@/lib/sources/guardduty/fixtures/findings";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

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
  let incidentsAfterFirst = 0;

  beforeAll(async () => {
    first = await ingestPaths({ paths: [writeExport(dir, "first.jsonl.gz", [portProbeFinding()])], origin: "test" });
    incidentsAfterFirst = await db().incident.count();
    second = await ingestPaths({ paths: [writeExport(dir, "second.jsonl.gz", [reexported()])], origin: "test" });
  });

  it("keeps one finding row", async () => {
    expect(await db().finding.count()).toBe(1);
    expect(first.bySource.guardduty.records).toBe(1);
    expect(second.bySource.guardduty.records).toBe(1);
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

  it("opens no second incident", async () => {
    expect(await db().incident.count()).toBe(incidentsAfterFirst);
  });
});
