import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { constants, gunzipSync, gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary, RejectedEntry } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";
import { portProbeFinding } from "@/lib/sources/guardduty/fixtures/findings";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const TRUNCATED_RECORDS = 500;
/** Few enough that the file's decompressed bytes are read whole while its kind is recognised. */
const SMALL_TRUNCATED_RECORDS = 20;
const FLOW_HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

/** Records 1000·(file + 1) + i, so that each file's ids are distinct. */
function records(file: number, count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => makeAssumedRoleRecord(1000 * (file + 1) + i));
}

function idOf(file: number, i: number): string {
  return eventIdFor(1000 * (file + 1) + i);
}

function write(root: string, name: string, content: string | Buffer): string {
  const path = join(root, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

async function storedIds(file: number, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => idOf(file, i));
  const rows = await db().event.findMany({ where: { naturalId: { in: ids } }, select: { naturalId: true } });
  return rows.map((row) => row.naturalId).sort();
}

function rejectionsOf(summary: IngestSummary, name: string): RejectedEntry[] {
  return summary.rejected.filter((entry) => entry.file.endsWith(`/${name}`));
}

describe("ingest of bad input", () => {
  let root: string;
  let summary: IngestSummary;
  let truncatedRecordsComplete: number;
  let smallReadableBytes: number;
  let smallRecordsComplete: number;
  let flowLinesComplete: string[];
  let flowLineCut: string;
  let hugeLineBytes: number;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "watchfloor-bad-input-"));
    const truncatedDoc = JSON.stringify({ Records: records(0, TRUNCATED_RECORDS) });
    const gz = gzipSync(truncatedDoc);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const readable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
    truncatedRecordsComplete = records(0, TRUNCATED_RECORDS).filter((r) => readable.includes(JSON.stringify(r))).length;
    write(root, "truncated.json.gz", cut);

    const smallGz = gzipSync(JSON.stringify({ Records: records(7, SMALL_TRUNCATED_RECORDS) }));
    const smallCut = smallGz.subarray(0, Math.floor(smallGz.length * 0.6));
    const smallReadable = gunzipSync(smallCut, { finishFlush: constants.Z_SYNC_FLUSH });
    smallReadableBytes = smallReadable.length;
    smallRecordsComplete = records(7, SMALL_TRUNCATED_RECORDS).filter((r) => smallReadable.toString("utf8").includes(JSON.stringify(r))).length;
    write(root, "truncated-small.json.gz", smallCut);

    const flowGz = gzipSync([FLOW_HEADER, ...Array.from({ length: 400 }, (_, i) => smallFileFlowLine(i))].join("\n"));
    const flowCut = flowGz.subarray(0, Math.floor(flowGz.length * 0.6));
    const flowReadable = gunzipSync(flowCut, { finishFlush: constants.Z_SYNC_FLUSH }).toString("utf8");
    // The last line may be cut short, and every line before it is whole.
    flowLinesComplete = flowReadable.split("\n").slice(1, -1);
    flowLineCut = flowReadable.split("\n").at(-1) ?? "";
    write(root, "truncated-small-flow.log.gz", flowCut);

    // Each line ends with a line break: a last line without one is not known to be whole when reading fails.
    const badCrc = gzipSync(records(8, 50).map((r) => `${JSON.stringify(r)}\n`).join(""));
    badCrc[badCrc.length - 6] ^= 0xff;
    write(root, "bad-crc.jsonl.gz", badCrc);
    write(root, "trailing-bytes.json.gz", Buffer.concat([gzipSync(JSON.stringify({ Records: records(9, 50) })), Buffer.from("not gzip\n")]));
    const long = records(11, 3).map((r) => JSON.stringify(r));
    long[1] = JSON.stringify({ ...records(11, 3)[1], userAgent: "L".repeat(9 * 1024 * 1024) });
    hugeLineBytes = Buffer.byteLength(long[1]);
    write(root, "huge-line.jsonl", `${long.join("\n")}\n`);
    const firstWithoutTime = records(12, 3);
    delete firstWithoutTime[0]!.eventTime;
    write(root, "first-without-time.json", JSON.stringify({ Records: firstWithoutTime }));
    write(root, "zero-padded.json.gz", Buffer.concat([gzipSync(JSON.stringify({ Records: records(10, 3) })), Buffer.alloc(512)]));

    const lines = records(1, 3).map((r) => JSON.stringify(r));
    lines[1] = `{"eventVersion": "1.09", "eventID": "${idOf(1, 1)}", "eventTime": tru}`;
    write(root, "invalid-json.jsonl", `${lines.join("\n")}\n`);

    const wrongType: unknown[] = records(2, 3);
    wrongType[1] = 42;
    write(root, "wrong-type.json", JSON.stringify({ Records: wrongType }));

    write(root, "wrong-field.json", JSON.stringify({ Records: records(3, 3).map((r, i) => (i === 1 ? { ...r, eventTime: 42 } : r)) }));

    const huge = records(4, 3);
    huge[1] = { ...huge[1], userAgent: "A".repeat(2 * 1024 * 1024) };
    write(root, "huge-field.json", JSON.stringify({ Records: huge }));

    const deep = records(5, 3).map((r) => JSON.stringify(r));
    deep[1] = JSON.stringify({ ...records(5, 3)[1], requestParameters: "§" }).replace('"§"', `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`);
    write(root, "deep.json", `{"Records":[${deep.join(",")}]}`);

    const utf8 = records(6, 3).map((r) => Buffer.from(JSON.stringify(r)));
    const marked = Buffer.from(JSON.stringify({ ...records(6, 3)[1], userAgent: "MARK" }));
    utf8[1] = Buffer.concat(splitAround(marked, Buffer.from("MARK"), Buffer.from([0x61, 0xc3, 0x28, 0x62])));
    write(root, "bad-utf8.json", Buffer.concat([Buffer.from('{"Records":['), join3(utf8), Buffer.from("]}")]));

    write(root, "flow.log", [FLOW_HEADER, flowLine(1), "2 111122223333 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443", flowLine(3)].join("\n"));

    const findings = [portProbeFinding(), { ...portProbeFinding(), id: undefined }, { ...portProbeFinding(), id: "f00dfeedf00dfeedf00dfeedf00dfeed" }];
    write(root, "findings.json", JSON.stringify({ Findings: findings }));

    write(root, "vpcflowlogs.parquet", Buffer.concat([Buffer.from("PAR1"), Buffer.alloc(64, 7)]));

    summary = await ingestPaths({ paths: [root], origin: "test" });
  });

  it("keeps records before a truncated gzip", async () => {
    expect(truncatedRecordsComplete).toBeGreaterThan(0);
    expect(truncatedRecordsComplete).toBeLessThan(TRUNCATED_RECORDS);
    expect(await storedIds(0, TRUNCATED_RECORDS)).toEqual(Array.from({ length: truncatedRecordsComplete }, (_, i) => idOf(0, i)).sort());
  });

  it("names the truncated gzip", () => {
    const [rejection] = rejectionsOf(summary, "truncated.json.gz");
    expect(rejection?.reason).toMatch(new RegExp(`^gzip data in ${join(root, "truncated.json.gz")} is truncated after \\d+ decompressed bytes`));
  });

  it("marks the truncated file and batch incomplete", async () => {
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: join(root, "truncated.json.gz") } });
    expect(file.status).toBe("incomplete");
    expect(file.contentSha256).toBeNull();
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId } });
    expect(batch.status).toBe("incomplete");
  });

  it("keeps records of a small truncated gzip", async () => {
    expect(smallReadableBytes).toBeLessThan(64 * 1024);
    expect(smallRecordsComplete).toBeGreaterThan(0);
    expect(smallRecordsComplete).toBeLessThan(SMALL_TRUNCATED_RECORDS);
    expect(await storedIds(7, SMALL_TRUNCATED_RECORDS)).toEqual(Array.from({ length: smallRecordsComplete }, (_, i) => idOf(7, i)).sort());
    const [rejection] = rejectionsOf(summary, "truncated-small.json.gz");
    expect(rejection?.reason).toMatch(new RegExp(`^gzip data in ${join(root, "truncated-small.json.gz")} is truncated after \\d+ decompressed bytes`));
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: join(root, "truncated-small.json.gz") } });
    expect([file.kind, file.status, file.contentSha256]).toEqual(["cloudtrail", "incomplete", null]);
  });

  it("keeps whole flow lines of a small truncated gzip", async () => {
    expect(flowLinesComplete.length).toBeGreaterThan(10);
    expect(flowLinesComplete.length).toBeLessThan(400);
    const stored = await db().flowRecord.findMany({ where: { raw: { contains: " eni-0f0f0f0f " } }, select: { raw: true } });
    expect(stored.map((row) => row.raw).sort()).toEqual([...flowLinesComplete].sort());
    const [lineRejection, fileRejection] = rejectionsOf(summary, "truncated-small-flow.log.gz");
    expect(fileRejection?.reason).toMatch(/is truncated after \d+ decompressed bytes/);
    expect(fileRejection?.reason).toMatch(
      /\. Stopped reading the file\. The records read before the damage are stored\. Copy the file again from its source and ingest it again, which stores only the records that are missing\.$/,
    );
    // Line 1 is the header, so the line cut short is line flowLinesComplete.length + 2.
    const line = flowLinesComplete.length + 2;
    expect(flowLineCut).not.toBe("");
    expect(lineRejection).toMatchObject({
      record: line - 1,
      field: null,
      reason: `line ${line}: reading the file failed before the end of this record, so it may have been cut short by the damage. It was not stored.`,
    });
    const lineRow = await db().rejectedRecord.findFirstOrThrow({ where: { path: join(root, "truncated-small-flow.log.gz"), recordIndex: line - 1 } });
    expect(Buffer.from(lineRow.raw ?? []).toString("utf8")).toBe(flowLineCut);
  });

  it("keeps every record before a CRC mismatch", async () => {
    expect(await storedIds(8, 50)).toEqual(Array.from({ length: 50 }, (_, i) => idOf(8, i)).sort());
    const [rejection] = rejectionsOf(summary, "bad-crc.jsonl.gz");
    expect(rejection?.reason).toMatch(/^gzip data in .*bad-crc\.jsonl\.gz is corrupt after \d+ decompressed bytes \(incorrect data check in gzip member 1\)/);
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: join(root, "bad-crc.jsonl.gz") } });
    expect(file.status).toBe("incomplete");
  });

  it("keeps every record before trailing bytes", async () => {
    expect(await storedIds(9, 50)).toEqual(Array.from({ length: 50 }, (_, i) => idOf(9, i)).sort());
    const [rejection] = rejectionsOf(summary, "trailing-bytes.json.gz");
    expect(rejection?.reason).toMatch(/is corrupt after \d+ decompressed bytes \(bytes after gzip member 1 are not gzip data\)/);
  });

  it("rejects a line over 8 MiB unparsed and reads on", async () => {
    expect(await storedIds(11, 3)).toEqual([idOf(11, 0), idOf(11, 2)].sort());
    const [rejection] = rejectionsOf(summary, "huge-line.jsonl");
    expect(rejection).toEqual({
      file: join(root, "huge-line.jsonl"),
      record: 1,
      field: "line 2",
      reason: `line 2: record is ${hugeLineBytes} bytes, more than the limit of 1 MiB`,
    });
    const stored = await db().rejectedRecord.findFirstOrThrow({ where: { path: join(root, "huge-line.jsonl"), recordIndex: 1 } });
    expect(stored.raw?.length).toBe(1024 * 1024);
    expect(stored.rawTruncated).toBe(true);
    expect(Buffer.from(stored.raw ?? []).subarray(0, 20).toString()).toBe(JSON.stringify({ ...records(11, 3)[1] }).slice(0, 20));
  });

  it("reads a file whose first record misses eventTime", async () => {
    expect(await storedIds(12, 3)).toEqual([idOf(12, 1), idOf(12, 2)].sort());
    const [rejection] = rejectionsOf(summary, "first-without-time.json");
    expect(rejection?.record).toBe(0);
    expect(rejection?.field).toBe("Records[0].eventTime");
  });

  it("reads a zero-padded gzip file whole", async () => {
    expect(await storedIds(10, 3)).toEqual([0, 1, 2].map((i) => idOf(10, i)).sort());
    expect(rejectionsOf(summary, "zero-padded.json.gz")).toEqual([]);
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: join(root, "zero-padded.json.gz") } });
    expect(file.status).toBe("complete");
  });

  it("rejects invalid JSON and reads on", async () => {
    const [rejection] = rejectionsOf(summary, "invalid-json.jsonl");
    expect(rejection?.record).toBe(1);
    expect(rejection?.reason).toContain("invalid JSON in line 2");
    expect(await storedIds(1, 3)).toEqual([idOf(1, 0), idOf(1, 2)].sort());
  });

  it("rejects a record of the wrong type", async () => {
    const [rejection] = rejectionsOf(summary, "wrong-type.json");
    expect(rejection).toEqual({
      file: join(root, "wrong-type.json"),
      record: 1,
      field: "Records[1]",
      reason: "Records[1]: expected a JSON object, got 42",
    });
    expect(await storedIds(2, 3)).toEqual([idOf(2, 0), idOf(2, 2)].sort());
  });

  it("rejects a field of the wrong type", async () => {
    const [rejection] = rejectionsOf(summary, "wrong-field.json");
    expect(rejection?.record).toBe(1);
    expect(rejection?.field).toBe("Records[1].eventTime");
    expect(await storedIds(3, 3)).toEqual([idOf(3, 0), idOf(3, 2)].sort());
  });

  it("rejects a huge string field", async () => {
    const [rejection] = rejectionsOf(summary, "huge-field.json");
    expect(rejection?.record).toBe(1);
    expect(rejection?.field).toBe("Records[1].userAgent");
    expect(rejection?.reason).toContain("more than the limit of 1 MiB");
    expect(await storedIds(4, 3)).toEqual([idOf(4, 0), idOf(4, 2)].sort());
  });

  it("rejects 10,000 levels of nesting", async () => {
    const [rejection] = rejectionsOf(summary, "deep.json");
    expect(rejection?.record).toBe(1);
    expect(rejection?.field).toBe("Records[1].requestParameters.a…");
    expect(rejection?.reason).toContain("nested deeper than 128 levels");
    expect(await storedIds(5, 3)).toEqual([idOf(5, 0), idOf(5, 2)].sort());
  });

  it("rejects invalid UTF-8", async () => {
    const [rejection] = rejectionsOf(summary, "bad-utf8.json");
    expect(rejection?.record).toBe(1);
    expect(rejection?.field).toBe("Records[1].userAgent");
    expect(rejection?.reason).toMatch(/invalid UTF-8 at byte \d+ of the record$/);
    expect(await storedIds(6, 3)).toEqual([idOf(6, 0), idOf(6, 2)].sort());
  });

  it("keeps the invalid bytes of the rejected record", async () => {
    const stored = await db().rejectedRecord.findFirstOrThrow({ where: { path: join(root, "bad-utf8.json"), recordIndex: 1 } });
    expect(Buffer.from(stored.raw ?? []).includes(Buffer.from([0xc3, 0x28]))).toBe(true);
  });

  it("rejects a flow line with too few fields", async () => {
    const [rejection] = rejectionsOf(summary, "flow.log");
    expect(rejection?.record).toBe(2);
    expect(rejection?.reason).toBe("line 3: expected 14 fields (from the header on line 1), got 6");
    expect(await db().flowRecord.count({ where: { raw: { in: [flowLine(1), flowLine(3)] } } })).toBe(2);
  });

  it("rejects a finding without an id", async () => {
    const [rejection] = rejectionsOf(summary, "findings.json");
    expect(rejection?.record).toBe(1);
    expect(rejection?.field).toBe("Findings[1].id");
    expect(await db().finding.count()).toBe(2);
  });

  it("rejects a broken Parquet file", async () => {
    const [rejection] = rejectionsOf(summary, "vpcflowlogs.parquet");
    expect(rejection?.record).toBeNull();
    expect(rejection?.reason).toMatch(/parquet/i);
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: join(root, "vpcflowlogs.parquet") } });
    expect([file.kind, file.status]).toEqual(["vpcflow-parquet", "incomplete"]);
  });

  it("lists every bad file once", () => {
    const files = new Set(summary.rejected.map((entry) => entry.file.slice(root.length + 1)));
    expect([...files].sort()).toEqual(
      [
        "bad-crc.jsonl.gz",
        "bad-utf8.json",
        "deep.json",
        "findings.json",
        "first-without-time.json",
        "flow.log",
        "huge-field.json",
        "huge-line.jsonl",
        "invalid-json.jsonl",
        "truncated-small-flow.log.gz",
        "truncated-small.json.gz",
        "trailing-bytes.json.gz",
        "truncated.json.gz",
        "vpcflowlogs.parquet",
        "wrong-field.json",
        "wrong-type.json",
      ].sort(),
    );
    // The truncated flow log has two entries: the line cut short and the file.
    expect(summary.rejected).toHaveLength(17);
  });

  it("counts file rejections by source", () => {
    expect(summary.bySource.cloudtrail.rejected).toBe(12);
    expect(summary.bySource.vpcflow.rejected).toBe(4);
    expect(summary.bySource.guardduty.rejected).toBe(1);
    expect(summary.bySource.accessAdvisor.rejected).toBe(0);
  });
});

function flowLine(n: number): string {
  return `2 111122223333 eni-0a1b2c3d 10.0.0.${n} 10.0.0.200 443 5${n}000 6 10 840 1709596800 1709596860 ACCEPT OK`;
}

function smallFileFlowLine(i: number): string {
  return `2 111122223333 eni-0f0f0f0f 10.1.${Math.floor(i / 250)}.${(i % 250) + 1} 10.0.0.200 443 ${40_000 + i} 6 10 840 1709596800 1709596860 ACCEPT OK`;
}

function splitAround(bytes: Buffer, marker: Buffer, replacement: Buffer): Buffer[] {
  const at = bytes.indexOf(marker);
  return [bytes.subarray(0, at), replacement, bytes.subarray(at + marker.length)];
}

function join3(parts: Buffer[]): Buffer {
  return Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [Buffer.from(","), part])));
}
