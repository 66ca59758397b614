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
