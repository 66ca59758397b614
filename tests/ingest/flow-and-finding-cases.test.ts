import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { sharedMissing, sharedPath } from "@/lib/sources/common/shared-folder";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const DEFAULT_HEADER = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";
const ENI = "eni-0f1e2d3c4b5a69788";

/** All 29 version 5 fields in alphabetical order, a custom format that is not the documented order. */
const CUSTOM_FIELDS = (
  "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action " +
  "log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id " +
  "sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path"
)
  .split(" ")
  .sort();

function customLine(values: Record<string, string>): string {
  return CUSTOM_FIELDS.map((field) => values[field] ?? "-").join(" ");
}

async function flowRows(path: string) {
  const file = await db().ingestFile.findFirstOrThrow({ where: { path } });
  return db().flowRecord.findMany({ where: { fileId: file.id }, orderBy: { lineNumber: "asc" } });
}

async function fileOf(path: string) {
  return db().ingestFile.findFirstOrThrow({ where: { path } });
}

describe("flow log cases through ingest", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-cases-"));
  const paths = {
    twoMembers: join(dir, "two-members.log.gz"),
    customOrder: join(dir, "custom-order.log"),
    placeholders: join(dir, "nodata.log"),
  };
  let summary: IngestSummary;

  beforeAll(async () => {
    const line = (src: string, dst: string, dstPort: number, start: number, action: string) =>
      `2 444455556666 ${ENI} ${src} ${dst} 51000 ${dstPort} 6 3 180 ${start} ${start + 60} ${action} OK`;
    const first = [DEFAULT_HEADER, line("192.0.2.7", "10.9.3.9", 22, 1700001000, "REJECT"), line("10.9.3.9", "192.0.2.20", 443, 1700001000, "ACCEPT")];
    const second = [line("192.0.2.8", "10.9.3.9", 3389, 1700001060, "REJECT"), line("10.9.3.9", "192.0.2.21", 443, 1700001060, "ACCEPT")];
    writeFileSync(paths.twoMembers, Buffer.concat([gzipSync(`${first.join("\n")}\n`), gzipSync(`${second.join("\n")}\n`)]));

    const shared = { "account-id": "444455556666", "az-id": "use1-az1", "instance-id": "i-0f1e2d3c4b5a69788", "interface-id": ENI, region: "us-east-1", "subnet-id": "subnet-0f1e2d3c", version: "5", "vpc-id": "vpc-0f1e2d3c" };
    const gap = customLine({ ...shared, "log-status": "SKIPDATA", start: "1700002000", end: "1700002060" });
    const flow = customLine({
      ...shared,
      "log-status": "OK",
      start: "1700002060",
      end: "1700002120",
      srcaddr: "192.0.2.50",
      srcport: "49152",
      dstaddr: "10.9.1.25",
      dstport: "443",
      protocol: "6",
      packets: "10",
      bytes: "840",
      action: "ACCEPT",
      "flow-direction": "ingress",
      "tcp-flags": "2",
      type: "IPv4",
      "pkt-srcaddr": "192.0.2.50",
      "pkt-dstaddr": "10.9.1.25",
    });
    writeFileSync(paths.customOrder, `${CUSTOM_FIELDS.join(" ")}\n${gap}\n${flow}\n`);

    writeFileSync(
      paths.placeholders,
      [
        DEFAULT_HEADER,
        `2 444455556666 ${ENI} - - - - - - - 1700003000 1700003060 - NODATA`,
        `2 444455556666 ${ENI} - - - - - - - 1700003060 1700003120 - SKIPDATA`,
        `2 444455556666 ${ENI} 192.0.2.44 10.9.4.12 55012 5432 6 4 240 1700003120 1700003180 REJECT OK`,
      ].join("\n"),
    );

    summary = await ingestPaths({ paths: Object.values(paths), origin: "test" });
  });

  it("stores every record of a two-member gzip", async () => {
    const rows = await flowRows(paths.twoMembers);
    expect(rows.map((row) => row.srcAddr)).toEqual(["192.0.2.7", "10.9.3.9", "192.0.2.8", "10.9.3.9"]);
  });

  it("reads epoch seconds as UTC times", async () => {
    const [row] = await flowRows(paths.twoMembers);
    expect(row?.start.toISOString()).toBe("2023-11-14T22:30:00.000Z");
    expect(row?.end.toISOString()).toBe("2023-11-14T22:31:00.000Z");
  });

  it("maps a custom format by its header", async () => {
    const rows = await flowRows(paths.customOrder);
    const flow = rows.find((row) => row.logStatus === "OK");
    expect(flow?.srcAddr).toBe("192.0.2.50");
    expect(flow?.srcPort).toBe(49152);
    expect(flow?.dstAddr).toBe("10.9.1.25");
    expect(flow?.dstPort).toBe(443);
    expect(flow?.protocol).toBe(6);
    expect(flow?.packets).toBe(10n);
    expect(flow?.bytes).toBe(840n);
    expect(flow?.action).toBe("ACCEPT");
    expect(flow?.start.toISOString()).toBe("2023-11-14T22:47:40.000Z");
  });

  it("keeps a custom-format SKIPDATA gap without traffic", async () => {
    const gap = (await flowRows(paths.customOrder)).find((row) => row.logStatus === "SKIPDATA");
    expect(gap?.interfaceId).toBe(ENI);
    expect(gap?.accountId).toBe("444455556666");
    expect([gap?.srcAddr, gap?.dstAddr, gap?.srcPort, gap?.dstPort, gap?.protocol, gap?.packets, gap?.bytes, gap?.action]).toEqual(
      [null, null, null, null, null, null, null, null],
    );
    expect(gap?.start.toISOString()).toBe("2023-11-14T22:46:40.000Z");
  });

  it("counts NODATA and SKIPDATA apart", () => {
    expect(summary.bySource.vpcflow.nodata).toBe(1);
    expect(summary.bySource.vpcflow.skipdata).toBe(2);
    expect(summary.rejected).toEqual([]);
  });

  it("completes the placeholder file", async () => {
    const file = await fileOf(paths.placeholders);
    expect(file.status).toBe("complete");
    expect(file.rejected).toBe(0);
    const reject = (await flowRows(paths.placeholders)).find((row) => row.logStatus === "OK");
    expect([reject?.srcAddr, reject?.dstAddr, reject?.dstPort, reject?.action]).toEqual(["192.0.2.44", "10.9.4.12", 5432, "REJECT"]);
  });
});

describe("flow log line with an unknown action or log-status", () => {
  const dir = mkdtempSync(join(tmpdir(), "watchfloor-flow-values-"));
  const path = join(dir, "values.log");
  const line = (src: string, action: string, status: string) =>
    `2 444455556666 ${ENI} ${src} 10.9.3.9 51000 22 6 3 180 1700004000 1700004060 ${action} ${status}`;
  let summary: IngestSummary;

  beforeAll(async () => {
    const lines = [DEFAULT_HEADER, line("192.0.2.61", "ACCEPT", "OK"), line("192.0.2.62", "BLOCK", "OK"), line("192.0.2.63", "REJECT", "PARTIAL"), line("192.0.2.64", "REJECT", "OK")];
    writeFileSync(path, `${lines.join("\n")}\n`);
    summary = await ingestPaths({ paths: [path], origin: "test" });
  });

  it("rejects the line with its number, field and value", () => {
    expect(summary.rejected).toEqual([
      { file: path, record: 2, field: "action", reason: "line 3: column 'action': expected ACCEPT, REJECT or '-', got 'BLOCK'" },
      {
        file: path,
        record: 3,
        field: "log-status",
        reason: "line 4: column 'log-status': expected OK, NODATA, SKIPDATA or '-', got 'PARTIAL'",
      },
    ]);
  });

  it("stores the lines around it", async () => {
    const rows = await flowRows(path);
    expect(rows.map((row) => [row.lineNumber, row.srcAddr, row.action])).toEqual([
      [2, "192.0.2.61", "ACCEPT"],
      [5, "192.0.2.64", "REJECT"],
    ]);
  });

  it("counts the rejected lines as records", async () => {
    expect(summary.bySource.vpcflow).toMatchObject({ files: 1, records: 4, inserted: 2, rejected: 2 });
    const file = await fileOf(path);
    expect([file.status, file.records, file.inserted, file.rejected]).toEqual(["complete", 4, 2, 2]);
  });
});

describe.skipIf(sharedMissing("Ingest of the shared failure cases", "cases", "B17.json"))("shared failure cases through ingest", () => {
  let summary: IngestSummary;
  const cases = (name: string) => sharedPath("cases", name);

  beforeAll(async () => {
    // The case file pretty-prints the finding. An S3 export writes each finding on one line.
    const dir = mkdtempSync(join(tmpdir(), "watchfloor-shared-cases-"));
    const finding = join(dir, "B17.jsonl");
    writeFileSync(finding, `${JSON.stringify(JSON.parse(readFileSync(cases("B17.json"), "utf8")))}\n`);
    summary = await ingestPaths({
      paths: [cases("B06.log.gz"), cases("B07.log"), cases("B08.log"), cases("B10.log"), finding],
      origin: "test",
    });
  });

  it("stores all four records of the two-member gzip", async () => {
    const rows = await flowRows(cases("B06.log.gz"));
    expect(rows.map((row) => row.srcAddr)).toEqual(["203.0.113.7", "10.0.3.9", "203.0.113.8", "10.0.3.9"]);
  });

  it("maps the alphabetical custom format", async () => {
    const flow = (await flowRows(cases("B07.log"))).find((row) => row.logStatus === "OK");
    expect([flow?.srcAddr, flow?.srcPort, flow?.dstAddr, flow?.dstPort, flow?.protocol]).toEqual(["203.0.113.50", 49152, "10.0.1.25", 443, 6]);
    expect(flow?.start.toISOString()).toBe("2023-11-14T22:23:20.000Z");
  });

  it("completes the NODATA and SKIPDATA file", async () => {
    const file = await fileOf(cases("B08.log"));
    expect([file.status, file.rejected, file.records]).toEqual(["complete", 0, 3]);
  });

  it("reads the epoch seconds", async () => {
    // The file's one record is also the first record of the two-member gzip, so it is stored once, as a duplicate here.
    const line = readFileSync(cases("B10.log"), "utf8").trim().split("\n")[1] ?? "";
    const row = await db().flowRecord.findFirstOrThrow({ where: { raw: line } });
    expect(row.start.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(row.end.toISOString()).toBe("2023-11-14T22:14:20.000Z");
    expect((await fileOf(cases("B10.log"))).duplicates).toBe(1);
  });

  it("keeps both port-probe actors", async () => {
    const finding = await db().finding.findUniqueOrThrow({ where: { id: "0123456789abcdef0123456789abcdef" } });
    expect([...finding.remoteIps].sort()).toEqual(["203.0.113.10", "203.0.113.20"]);
    expect(finding.severityLabel).toBe("Low");
    expect(finding.eventFirstSeen?.toISOString()).toBe("2024-03-05T07:00:00.000Z");
    expect(finding.eventLastSeen?.toISOString()).toBe("2024-03-05T09:30:00.000Z");
  });

  it("rejects nothing", () => {
    expect(summary.rejected).toEqual([]);
  });
});
