import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";
import { portProbeFinding } from "@/lib/sources/guardduty/fixtures/findings";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const FLOW_HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
const TRAILER_BYTES = 8;
const NEXT_STEPS =
  "The records read before the damage are stored. Copy the file again from its source and ingest it again, " +
  "which stores only the records that are missing.";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Gzips `text` and drops the 8-byte trailer (CRC-32 and length), so every byte of the data decompresses. */
function withoutTrailer(text: string): Buffer {
  const gz = gzipSync(text);
  return gz.subarray(0, gz.length - TRAILER_BYTES);
}

function flowLine(i: number): string {
  return `2 444455556666 eni-0e0e0e0e0e0e0e0e0 192.0.2.${i + 1} 10.9.8.7 5200${i} 22 6 3 180 ${1700006000 + i * 60} ${1700006060 + i * 60} REJECT OK`;
}

describe("gzip file without its trailer", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-no-trailer-"));
  const paths = {
    records: join(dir, "records.json.gz"),
    lines: join(dir, "records.jsonl.gz"),
    finding: join(dir, "finding.jsonl.gz"),
    flow: join(dir, "flow.log.gz"),
  };
  let summary: IngestSummary;

  beforeAll(async () => {
    const records = [0, 1, 2].map((i) => makeAssumedRoleRecord(950_000 + i));
    writeFileSync(paths.records, withoutTrailer(JSON.stringify({ Records: records })));
    const lines = [3, 4].map((i) => JSON.stringify(makeAssumedRoleRecord(950_000 + i)));
    writeFileSync(paths.lines, withoutTrailer(`${lines.join("\n")}\n`));
    writeFileSync(paths.finding, withoutTrailer(`${JSON.stringify(portProbeFinding())}\n`));
    writeFileSync(paths.flow, withoutTrailer(`${[FLOW_HEADER, flowLine(0), flowLine(1), flowLine(2)].join("\n")}\n`));
    summary = await ingestPaths({ paths: Object.values(paths), origin: "test" });
  });

  it("stores every record of the data", async () => {
    const ids = [0, 1, 2, 3, 4].map((i) => eventIdFor(950_000 + i));
    expect(await db().event.count({ where: { source: "cloudtrail", naturalId: { in: ids } } })).toBe(5);
    expect(await db().finding.count({ where: { id: portProbeFinding().id as string } })).toBe(1);
    expect(await db().flowRecord.count({ where: { interfaceId: "eni-0e0e0e0e0e0e0e0e0" } })).toBe(3);
  });

  it("counts no record beyond the stored ones", () => {
    expect([summary.records, summary.inserted]).toEqual([9, 9]);
    expect(summary.bySource.cloudtrail).toMatchObject({ records: 5, inserted: 5, rejected: 2 });
    expect(summary.bySource.guardduty).toMatchObject({ records: 1, inserted: 1, rejected: 1 });
    expect(summary.bySource.vpcflow).toMatchObject({ records: 3, inserted: 3, rejected: 1 });
  });

  it("rejects each file as a whole, naming the missing trailer", () => {
    expect(summary.rejected.map((entry) => [entry.file, entry.record, entry.field]).sort()).toEqual(
      Object.values(paths).map((path) => [path, null, null]).sort(),
    );
    for (const entry of summary.rejected) {
      expect(entry.reason).toMatch(/is truncated after \d+ decompressed bytes \(gzip member 1 ends before its 8-byte trailer of CRC-32 and length/);
      expect(entry.reason).toMatch(new RegExp(`could not be checked\\)\\. ${escapeRegExp(NEXT_STEPS)}$`));
    }
  });

  it("does not say that reading stopped", () => {
    for (const entry of summary.rejected) {
      expect(entry.reason).not.toContain("Stopped reading the file");
    }
  });

  it("marks each file incomplete with its stored records", async () => {
    const files = await db().ingestFile.findMany({ where: { path: { in: Object.values(paths) } }, orderBy: { path: "asc" } });
    expect(files.map((file) => [file.path, file.status, file.records, file.inserted, file.rejected])).toEqual([
      [paths.finding, "incomplete", 1, 1, 1],
      [paths.flow, "incomplete", 3, 3, 1],
      [paths.records, "incomplete", 3, 3, 1],
      [paths.lines, "incomplete", 2, 2, 1],
    ]);
  });
});

describe("gzip file without its trailer after a last line without a line break", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-no-trailer-last-line-"));
  const paths = { findings: join(dir, "findings.jsonl.gz"), flow: join(dir, "flow.log.gz") };
  const findingLines = [0, 1, 2, 3, 4].map((i) => JSON.stringify({ ...portProbeFinding(), id: `f1d0000000000000000000000000000${i}` }));
  const flowLines = Array.from({ length: 10 }, (_, i) => flowLine(i).replace("eni-0e0e0e0e0e0e0e0e0", "eni-0d0d0d0d0d0d0d0d0"));
  let summary: IngestSummary;

  beforeAll(async () => {
    writeFileSync(paths.findings, withoutTrailer(findingLines.join("\n")));
    writeFileSync(paths.flow, withoutTrailer([FLOW_HEADER, ...flowLines].join("\n")));
    summary = await ingestPaths({ paths: Object.values(paths), origin: "test" });
  });

  it("stores the lines before the last", async () => {
    const ids = findingLines.map((line) => (JSON.parse(line) as { id: string }).id);
    const stored = await db().finding.findMany({ where: { id: { in: ids } }, select: { id: true }, orderBy: { id: "asc" } });
    expect(stored.map((row) => row.id)).toEqual(ids.slice(0, 4));
    const flows = await db().flowRecord.findMany({ where: { interfaceId: "eni-0d0d0d0d0d0d0d0d0" }, select: { raw: true } });
    expect(flows.map((row) => row.raw).sort()).toEqual(flowLines.slice(0, 9).sort());
  });

  it("counts the last line as a rejected record", () => {
    expect(summary.bySource.guardduty).toMatchObject({ records: 5, inserted: 4, rejected: 2 });
    expect(summary.bySource.vpcflow).toMatchObject({ records: 10, inserted: 9, rejected: 2 });
  });

  it("names the last line and the damage", () => {
    const cutShort = (line: string) =>
      `${line}: reading the file failed before the end of this record, so it may have been cut short by the damage. It was not stored.`;
    expect(summary.rejected.filter((entry) => entry.record !== null)).toEqual([
      { file: paths.findings, record: 4, field: "line 5", reason: cutShort("line 5") },
      { file: paths.flow, record: 10, field: null, reason: cutShort("line 11") },
    ]);
  });

  it("keeps the raw bytes of the last line", async () => {
    const rows = await db().rejectedRecord.findMany({ where: { path: { in: Object.values(paths) }, recordIndex: { not: null } }, orderBy: { path: "asc" } });
    expect(rows.map((row) => [row.path, Buffer.from(row.raw ?? []).toString("utf8"), row.rawTruncated])).toEqual([
      [paths.findings, findingLines[4], false],
      [paths.flow, flowLines[9], false],
    ]);
  });

  it("still rejects each file as a whole", () => {
    const files = summary.rejected.filter((entry) => entry.record === null);
    expect(files.map((entry) => entry.file).sort()).toEqual(Object.values(paths).sort());
    for (const entry of files) {
      expect(entry.reason).toMatch(/gzip member 1 ends before its 8-byte trailer/);
    }
  });

  it("records the counts on each file", async () => {
    const files = await db().ingestFile.findMany({ where: { path: { in: Object.values(paths) } }, orderBy: { path: "asc" } });
    expect(files.map((file) => [file.path, file.status, file.records, file.inserted, file.rejected])).toEqual([
      [paths.findings, "incomplete", 5, 4, 2],
      [paths.flow, "incomplete", 10, 9, 2],
    ]);
  });
});
