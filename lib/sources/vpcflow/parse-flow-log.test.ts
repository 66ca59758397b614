import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { createGunzip, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

import { newFlowLogStats, parseFlowLogLines, type ParseFlowLogInput } from "./parse-flow-log";
import type { FlowLogItem, FlowRecord } from "./types";

async function parse(text: string, options: Partial<ParseFlowLogInput> = {}) {
  const stats = newFlowLogStats();
  const items: FlowLogItem[] = [];
  for await (const item of parseFlowLogLines({
    lines: text.split("\n"),
    stats,
    ...options,
  })) {
    items.push(item);
  }
  const records = items.flatMap((i) => (i.type === "flow" ? [i.record] : []));
  const rejections = items.flatMap((i) => (i.type === "reject" ? [i.rejection] : []));
  return { items, records, rejections, stats };
}

const iso = (date: Date | null) => date?.toISOString().replace(".000Z", "Z") ?? null;

const TRAFFIC: Array<keyof FlowRecord> = [
  "srcAddr",
  "dstAddr",
  "srcPort",
  "dstPort",
  "protocol",
  "packets",
  "bytes",
  "action",
];

const V5_FIELDS =
  "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action " +
  "log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id " +
  "sublocation-type sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path";

describe("parseFlowLogLines: custom format with all 29 v5 fields in alphabetical order", () => {
  const header = V5_FIELDS.split(" ").sort().join(" ");
  const text = [
    header,
    "111122223333 - use1-az1 - - - 1700000600 - i-0abc1234def567890 eni-0abc1234def567890 SKIPDATA - - - - - - us-east-1 - - 1700000540 - - subnet-0abc1234 - - - 5 vpc-0abc1234",
    "111122223333 ACCEPT use1-az1 840 10.0.1.25 443 1700000660 ingress i-0abc1234def567890 eni-0abc1234def567890 OK 10 - 10.0.1.25 - 203.0.113.50 6 us-east-1 203.0.113.50 49152 1700000600 - - subnet-0abc1234 2 - IPv4 5 vpc-0abc1234",
  ].join("\n");

  it("maps columns by the header, not by token count", async () => {
    expect(header.split(" ")).toHaveLength(29);
    expect(header.startsWith("account-id action az-id bytes")).toBe(true);
    const { records, rejections, stats } = await parse(text);
    expect(rejections).toEqual([]);
    expect(stats).toMatchObject({
      headers: 1,
      records: 2,
      ok: 1,
      skipdata: 1,
      nodata: 0,
      rejected: 0,
    });
    const [gap, flow] = records;
    expect(gap).toMatchObject({
      logStatus: "SKIPDATA",
      accountId: "111122223333",
      interfaceId: "eni-0abc1234def567890",
      instanceId: "i-0abc1234def567890",
      version: 5,
      region: "us-east-1",
      azId: "use1-az1",
    });
    expect(iso(gap.start)).toBe("2023-11-14T22:22:20Z");
    expect(iso(gap.end)).toBe("2023-11-14T22:23:20Z");
    for (const field of TRAFFIC) {
      expect(gap[field], field).toBeNull();
    }
    expect(flow).toMatchObject({
      srcAddr: "203.0.113.50",
      srcPort: 49152,
      dstAddr: "10.0.1.25",
      dstPort: 443,
      protocol: 6,
      packets: 10,
      bytes: 840,
      action: "ACCEPT",
      flowDirection: "ingress",
      tcpFlags: 2,
      type: "IPv4",
      version: 5,
      trafficPath: null,
      pktSrcAwsService: null,
      logStatus: "OK",
    });
    expect(iso(flow.start)).toBe("2023-11-14T22:23:20Z");
    expect(iso(flow.end)).toBe("2023-11-14T22:24:20Z");
  });

  it("rejects a line whose token count differs from its header, with expected and got", async () => {
    const { records, rejections, stats } = await parse(`${text}\n111122223333 ACCEPT use1-az1 840`);
    expect(records).toHaveLength(2);
    expect(stats.rejected).toBe(1);
    expect(rejections[0]).toMatchObject({
      recordIndex: 3,
      field: null,
      reason: "line 4: expected 29 fields (from the header on line 1), got 4",
    });
    expect(rejections[0].raw?.toString()).toBe("111122223333 ACCEPT use1-az1 840");
  });
});

describe("parseFlowLogLines: default format, NODATA and SKIPDATA", () => {
  const text = [
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status",
    "2 111122223333 eni-0abc1234def567890 - - - - - - - 1700000000 1700000060 - NODATA",
    "2 111122223333 eni-0abc1234def567890 - - - - - - - 1700000060 1700000120 - SKIPDATA",
    "2 111122223333 eni-0abc1234def567890 198.51.100.44 10.0.4.12 55012 5432 6 4 240 1700000120 1700000180 REJECT OK",
  ].join("\n");

  it("keeps NODATA and SKIPDATA as records, counted apart, with null traffic fields", async () => {
    const { records, stats } = await parse(text);
    expect(stats).toMatchObject({ records: 3, nodata: 1, skipdata: 1, ok: 1, rejected: 0 });
    const [nodata, skipdata, reject] = records;
    expect(nodata.logStatus).toBe("NODATA");
    expect(iso(nodata.start)).toBe("2023-11-14T22:13:20Z");
    expect(iso(nodata.end)).toBe("2023-11-14T22:14:20Z");
    expect(skipdata.logStatus).toBe("SKIPDATA");
    for (const field of TRAFFIC) {
      expect(nodata[field], field).toBeNull();
      expect(skipdata[field], field).toBeNull();
    }
    expect(reject).toMatchObject({
      action: "REJECT",
      srcAddr: "198.51.100.44",
      dstAddr: "10.0.4.12",
      dstPort: 5432,
      protocol: 6,
      packets: 4,
      bytes: 240,
    });
  });

  it("uses the default v2 format when the file has no header", async () => {
    const { records, stats } = await parse(text.split("\n").slice(1).join("\n"));
    expect(stats).toMatchObject({ headers: 0, records: 3, rejected: 0 });
    expect(records[2].srcAddr).toBe("198.51.100.44");
  });
});

describe("parseFlowLogLines: times", () => {
  const line = (start: string, end: string) =>
    `2 111122223333 eni-0abc1234def567890 203.0.113.7 10.0.3.9 51000 22 6 3 180 ${start} ${end} REJECT OK`;

  it("reads start and end as epoch seconds", async () => {
    const { records } = await parse(line("1700000000", "1700000060"));
    expect(iso(records[0].start)).toBe("2023-11-14T22:13:20Z");
    expect(iso(records[0].start)).not.toBe("1970-01-20T16:13:20Z");
    expect(iso(records[0].end)).toBe("2023-11-14T22:14:20Z");
  });

  it("rejects times before 2015 and more than a day ahead, with the reason", async () => {
    const now = new Date("2024-01-01T00:00:00Z");
    const { rejections } = await parse(
      [
        line("1400000000", "1400000060"),
        line("1704240000", "1704240060"),
        line("1700000000000", "1700000060000"),
      ].join("\n"),
      { now },
    );
    expect(rejections.map((r) => [r.recordIndex, r.field, r.reason])).toEqual([
      [
        0,
        "start",
        "line 1: column 'start': time 1400000000 is 2014-05-13T16:53:20Z, before 2015-01-01, when VPC Flow Logs did not exist",
      ],
      [
        1,
        "start",
        "line 2: column 'start': time 1704240000 is more than a day in the future",
      ],
      [
        2,
        "start",
        "line 3: column 'start': time 1700000000000 is more than a day in the future; it looks like epoch milliseconds, but the field holds seconds",
      ],
    ]);
  });

  it("rejects an end before its start", async () => {
    const { rejections } = await parse(line("1700000060", "1700000000"));
    expect(rejections[0]).toMatchObject({
      field: "end",
      reason: "line 1: end is before start",
    });
  });
});

describe("parseFlowLogLines: gzip with two members", () => {
  it("reads header and all four records through createGunzip", async () => {
    const header =
      "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";
    const first =
      header +
      "2 111122223333 eni-0abc1234def567890 203.0.113.7 10.0.3.9 51000 22 6 3 180 1700000000 1700000060 REJECT OK\n" +
      "2 111122223333 eni-0abc1234def567890 10.0.3.9 198.51.100.20 40500 443 6 10 4200 1700000000 1700000060 ACCEPT OK\n";
    const second =
      "2 111122223333 eni-0abc1234def567890 203.0.113.8 10.0.3.9 51001 3389 6 2 120 1700000060 1700000120 REJECT OK\n" +
      "2 111122223333 eni-0abc1234def567890 10.0.3.9 198.51.100.21 40501 443 6 8 3900 1700000060 1700000120 ACCEPT OK\n";
    const gz = Buffer.concat([gzipSync(first), gzipSync(second)]);
    const lines = createInterface({
      input: Readable.from([gz]).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    const stats = newFlowLogStats();
    const records: FlowRecord[] = [];
    for await (const item of parseFlowLogLines({ lines, stats })) {
      if (item.type === "flow") {
        records.push(item.record);
      }
    }
    expect(stats).toMatchObject({ lines: 5, headers: 1, records: 4, rejected: 0 });
    expect(records.map((r) => [r.action, r.srcAddr, r.dstAddr])).toEqual([
      ["REJECT", "203.0.113.7", "10.0.3.9"],
      ["ACCEPT", "10.0.3.9", "198.51.100.20"],
      ["REJECT", "203.0.113.8", "10.0.3.9"],
      ["ACCEPT", "10.0.3.9", "198.51.100.21"],
    ]);
  });
});

describe("parseFlowLogLines: headers inside the file", () => {
  const v3 =
    "version vpc-id interface-id account-id srcaddr dstaddr srcport dstport protocol packets bytes start end action tcp-flags log-status";

  it("re-reads a header repeated before each record", async () => {
    const text = [
      v3,
      "3 vpc-0abc1234 eni-0abc1234def567890 111122223333 203.0.113.9 10.0.0.62 43416 5001 6 8 568 1700000000 1700000060 ACCEPT 2 OK",
      v3,
      "3 vpc-0abc1234 eni-0abc1234def567890 111122223333 - - - - - - - 1700000060 1700000120 - - SKIPDATA",
      v3,
      "3 vpc-0abc1234 eni-0abc1234def567890 111122223333 - - - - - - - 1700000120 1700000180 - - NODATA",
    ].join("\n");
    const { items, stats } = await parse(text);
    expect(stats).toMatchObject({
      headers: 3,
      records: 3,
      ok: 1,
      skipdata: 1,
      nodata: 1,
      rejected: 0,
    });
    expect(items.map((i) => i.type === "flow" && i.index)).toEqual([1, 3, 5]);
    const first = items[0].type === "flow" ? items[0].record : null;
    expect(first).toMatchObject({
      vpcId: "vpc-0abc1234",
      tcpFlags: 2,
      srcAddr: "203.0.113.9",
      bytes: 568,
    });
  });

  it("switches the mapping when a different header appears", async () => {
    const text = [
      "2 111122223333 eni-0abc1234def567890 203.0.113.7 10.0.3.9 51000 22 6 3 180 1700000000 1700000060 REJECT OK",
      "srcaddr dstaddr start end",
      "2001:db8::1   2001:db8::2 1700000000 1700000060",
    ].join("\n");
    const { records, stats } = await parse(text);
    expect(stats).toMatchObject({ headers: 1, records: 2, rejected: 0 });
    expect(records[1]).toMatchObject({
      srcAddr: "2001:db8::1",
      dstAddr: "2001:db8::2",
      version: null,
      action: null,
    });
  });

  it("keeps fields it does not know in extra, and rejects a header that repeats a name", async () => {
    const { records, rejections } = await parse(
      [
        "srcaddr dstaddr future-field",
        "203.0.113.7 10.0.3.9 something",
        "srcaddr srcaddr",
        "203.0.113.7 10.0.3.9",
      ].join("\n"),
    );
    expect(records[0].extra).toEqual({ "future-field": "something" });
    expect(rejections.map((r) => r.reason)).toEqual([
      "line 3: header names 'srcaddr' twice; its records cannot be mapped",
      "line 4: no usable header above this record",
    ]);
  });
});

describe("parseFlowLogLines: values", () => {
  const v2 = (fields: string) =>
    `2 111122223333 eni-0abc1234def567890 ${fields} 1700000000 1700000060 ACCEPT OK`;

  it("reads IPv6, collapses runs of spaces and CRLF, and counts past 2^31", async () => {
    const { records, rejections } = await parse(
      [
        v2("2001:db8:1234:a100::1   2001:db8:1234:a102::2 34892 22 6 54 8855") + "\r",
        v2("10.0.3.9 203.0.113.7 40500 443 6 3000000000 4000000000000"),
      ].join("\n"),
    );
    expect(rejections).toEqual([]);
    expect(records[0]).toMatchObject({
      srcAddr: "2001:db8:1234:a100::1",
      dstAddr: "2001:db8:1234:a102::2",
      logStatus: "OK",
    });
    expect(records[1]).toMatchObject({ packets: 3_000_000_000, bytes: 4_000_000_000_000 });
  });

  it("rejects unreadable values, naming the column", async () => {
    const { rejections } = await parse(
      [
        v2("203.0.113.7 10.0.3.9 70000 22 6 1 1"),
        v2("075.050.255.67 10.0.3.9 1 22 6 1 1"),
        v2("203.0.113.7 10.0.3.9 1 22 6 1 99999999999999999999"),
      ].join("\n"),
    );
    expect(rejections.map((r) => [r.field, r.reason])).toEqual([
      [
        "srcport",
        "line 1: column 'srcport': expected an integer from 0 to 65535, got '70000'",
      ],
      [
        "srcaddr",
        "line 2: column 'srcaddr': expected an IPv4 or IPv6 address, got '075.050.255.67'",
      ],
      [
        "bytes",
        "line 3: column 'bytes': counter '99999999999999999999' is past 2^53-1 and cannot be stored exactly",
      ],
    ]);
  });

  it("rejects an action or log-status AWS does not write", async () => {
    const line = (action: string, status: string) =>
      `2 111122223333 eni-0abc1234def567890 203.0.113.7 10.0.3.9 40500 22 6 1 40 1700000000 1700000060 ${action} ${status}`;
    const { records, rejections, stats } = await parse(
      [line("ACCEPT", "OK"), line("BLOCK", "OK"), line("REJECT", "PARTIAL"), line("accept", "OK"), line("REJECT", "OK")].join("\n"),
    );
    expect(records.map((r) => [r.action, r.logStatus])).toEqual([
      ["ACCEPT", "OK"],
      ["REJECT", "OK"],
    ]);
    expect(rejections.map((r) => [r.recordIndex, r.field, r.reason])).toEqual([
      [1, "action", "line 2: column 'action': expected ACCEPT, REJECT or '-', got 'BLOCK'"],
      [2, "log-status", "line 3: column 'log-status': expected OK, NODATA, SKIPDATA or '-', got 'PARTIAL'"],
      [3, "action", "line 4: column 'action': expected ACCEPT, REJECT or '-', got 'accept'"],
    ]);
    expect(stats).toMatchObject({ records: 2, ok: 2, rejected: 3 });
  });

  it("takes the format of a CloudWatch Logs export, with its timestamp prefix", async () => {
    const format = "${version} ${interface-id} ${srcaddr} ${dstaddr} ${action} ${log-status}";
    const { records, stats } = await parse(
      [
        "5 eni-0abc1234def567890 203.0.113.7 10.0.3.9 REJECT OK",
        "2023-11-14T22:13:20.000Z 5 eni-0abc1234def567890 203.0.113.8 10.0.3.9 ACCEPT OK",
        "",
      ].join("\n"),
      { format },
    );
    expect(stats).toMatchObject({ records: 2, blank: 1, rejected: 0 });
    expect(records.map((r) => [r.version, r.srcAddr, r.action])).toEqual([
      [5, "203.0.113.7", "REJECT"],
      [5, "203.0.113.8", "ACCEPT"],
    ]);
  });

  it("says how to fix a header-less custom format", async () => {
    const { rejections } = await parse("5 eni-0abc1234def567890 203.0.113.7 10.0.3.9 REJECT OK");
    expect(rejections[0].reason).toBe(
      "line 1: expected 14 fields (from the default version 2 format), got 6",
    );
  });
});

describe("parseFlowLogLines line length", () => {
  it("rejects a line too long to be a record", async () => {
    const good = "2 111122223333 eni-0abc1234def567890 10.0.3.9 198.51.100.20 40500 443 6 10 4200 1700000000 1700000060 ACCEPT OK";
    const { records, rejections, stats } = await parse([good, "a".repeat(70_000), good].join("\n"));
    expect(records).toHaveLength(2);
    expect(rejections).toHaveLength(1);
    expect(rejections[0]?.recordIndex).toBe(1);
    expect(rejections[0]?.reason).toBe(
      "line 2: longer than 64 KiB, while a flow log record takes a few hundred bytes; " +
        "the line is not a flow log record (a file without line breaks, or damaged)",
    );
    expect(rejections[0]?.raw?.length).toBe(70_000);
    expect(stats.rejected).toBe(1);
  });
});
