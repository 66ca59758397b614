import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary, RejectedEntry } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";
import { portProbeFinding } from "@/lib/sources/guardduty/fixtures/findings";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

/** Record numbers 910_000 + 100·file + i, so that each file's event ids are distinct. */
function record(file: number, i: number): Record<string, unknown> {
  return makeAssumedRoleRecord(910_000 + 100 * file + i);
}

function idOf(file: number, i: number): string {
  return eventIdFor(910_000 + 100 * file + i);
}

function findingId(i: number): string {
  return `b0bb1e5${i}`.padEnd(32, "0");
}

async function storedEvents(file: number, count: number): Promise<number[]> {
  const ids = Array.from({ length: count }, (_, i) => idOf(file, i));
  const rows = await db().event.findMany({ where: { naturalId: { in: ids } }, select: { naturalId: true } });
  const found = new Set(rows.map((row) => row.naturalId));
  return ids.flatMap((id, i) => (found.has(id) ? [i] : []));
}

describe("ingest of files with broken records", () => {
  const root = mkdtempSync(join(tmpdir(), "watchfloor-broken-records-"));
  let summary: IngestSummary;

  function rejectionsOf(name: string): RejectedEntry[] {
    return summary.rejected.filter((entry) => entry.file === join(root, name));
  }

  beforeAll(async () => {
    const events = [0, 1, 2, 3, 4].map((i) => JSON.stringify(record(0, i)));
    // A line cut short, as a writer killed mid-line leaves it, and a line with an unterminated string.
    events[1] = events[1].slice(0, 120);
    events[3] = events[3].replace(`"${idOf(0, 3)}"`, `"${idOf(0, 3)}`);
    writeFileSync(join(root, "events.jsonl"), `${events.join("\n")}\n`);

    const findings = [0, 1, 2].map((i) => JSON.stringify({ ...portProbeFinding(), id: findingId(i) }));
    findings[1] = `${findings[1].slice(0, 200)}}}`;
    writeFileSync(join(root, "findings.jsonl"), `${findings.join("\n")}\n`);

    const elements = [0, 1, 2].map((i) => JSON.stringify(record(1, i)));
    elements[1] = elements[1].replace('"readOnly":true', '"readOnly":tru').replace('"readOnly":false', '"readOnly":fals');
    writeFileSync(join(root, "array.json"), `[${elements.join(",")}]`);

    summary = await ingestPaths({ paths: [root], origin: "test" });
  });

  it("rejects each broken JSON line", () => {
    const rejected = rejectionsOf("events.jsonl");
    expect(rejected.map((entry) => entry.record)).toEqual([1, 3]);
    expect(rejected[0]?.reason).toMatch(/^invalid JSON in line 2 /);
    expect(rejected[1]?.reason).toMatch(/^invalid JSON in line 4 /);
  });

  it("stores the lines around them", async () => {
    expect(await storedEvents(0, 5)).toEqual([0, 2, 4]);
  });

  it("keeps the broken line raw", async () => {
    const stored = await db().rejectedRecord.findFirstOrThrow({ where: { path: join(root, "events.jsonl"), recordIndex: 1 } });
    expect(Buffer.from(stored.raw ?? []).toString("utf8")).toBe(JSON.stringify(record(0, 1)).slice(0, 120));
  });

  it("rejects a broken finding line", () => {
    const rejected = rejectionsOf("findings.jsonl");
    expect(rejected.map((entry) => entry.record)).toEqual([1]);
    expect(rejected[0]?.reason).toMatch(/line 2: invalid JSON/);
  });

  it("stores the findings around it", async () => {
    const rows = await db().finding.findMany({ select: { id: true } });
    expect(rows.map((row) => row.id).sort()).toEqual([findingId(0), findingId(2)]);
  });

  it("rejects a broken array element", () => {
    const rejected = rejectionsOf("array.json");
    expect(rejected.map((entry) => entry.record)).toEqual([1]);
    expect(rejected[0]?.reason).toMatch(/^invalid JSON in \[1\] /);
  });

  it("stores the elements around it", async () => {
    expect(await storedEvents(1, 3)).toEqual([0, 2]);
  });

  it("completes each file", async () => {
    const files = await db().ingestFile.findMany({ where: { batchId: summary.batchId }, orderBy: { path: "asc" } });
    expect(files.map((file) => [file.path.slice(root.length + 1), file.status, file.inserted, file.rejected])).toEqual([
      ["array.json", "complete", 2, 1],
      ["events.jsonl", "complete", 3, 2],
      ["findings.jsonl", "complete", 2, 1],
    ]);
  });
});
