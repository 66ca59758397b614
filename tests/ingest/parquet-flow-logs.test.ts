import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { parquetMetadata, parquetSchema } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import type { FlowRecord } from "@/lib/sources/vpcflow/types";

import {
  buildFlowLogParquet,
  DEFAULT_FIELDS,
  flowLogParquetKey,
  numberedFlowRow,
  VERSION_5_FIELDS,
  writeUnderKey,
  type FlowRow,
} from "../helpers/flow-log-parquet";
import { runCli } from "../helpers/run-cli";
import { useTestDatabase } from "../helpers/test-database";

const database = useTestDatabase();

/** Loading the CLI through tsx takes a few seconds. */
const CLI_TEST_TIMEOUT_MS = 60_000;

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const ENI = "eni-0a1b2c3d4e5f60718";
/** 2024-03-05T00:00:00Z. */
const T0 = 1_709_596_800;

function keyFor(flowLogId: string, hash: string): string {
  return flowLogParquetKey({ accountId: ACCOUNT, region: REGION, slot: new Date(T0 * 1000), flowLogId, hash });
}

function flow(values: FlowRow): FlowRow {
  return { version: 2, "account-id": ACCOUNT, "interface-id": ENI, ...values };
}

/** Default-format rows covering IPv4, IPv6, REJECT, UDP, NODATA and SKIPDATA. */
const DEFAULT_ROWS: FlowRow[] = [
  flow({ srcaddr: "10.0.1.5", dstaddr: "203.0.113.9", srcport: 49152, dstport: 443, protocol: 6, packets: 12, bytes: 4096, start: T0, end: T0 + 60, action: "ACCEPT", "log-status": "OK" }),
  flow({ srcaddr: "198.51.100.23", dstaddr: "10.0.1.5", srcport: 51515, dstport: 22, protocol: 6, packets: 1, bytes: 60, start: T0, end: T0 + 60, action: "REJECT", "log-status": "OK" }),
  flow({ srcaddr: "2001:db8:1::5", dstaddr: "2001:db8:ff::9", srcport: 40000, dstport: 443, protocol: 6, packets: 8, bytes: 1200, start: T0 + 60, end: T0 + 120, action: "ACCEPT", "log-status": "OK" }),
  flow({ start: T0 + 120, end: T0 + 180, "log-status": "NODATA" }),
  flow({ start: T0 + 180, end: T0 + 240, "log-status": "SKIPDATA" }),
  flow({ srcaddr: "10.0.1.5", dstaddr: "10.0.0.2", srcport: 53000, dstport: 53, protocol: 17, packets: 2, bytes: 160, start: T0 + 240, end: T0 + 300, action: "ACCEPT", "log-status": "OK" }),
];

/** Returns the line a default-format text file contains for a row. */
function textLine(row: FlowRow): string {
  return DEFAULT_FIELDS.map((field) => String(row[field] ?? "-")).join(" ");
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

async function fileRow(path: string) {
  return db().ingestFile.findFirstOrThrow({ where: { path } });
}

async function flowRowsOf(path: string) {
  const file = await fileRow(path);
  return db().flowRecord.findMany({ where: { fileId: file.id }, orderBy: { lineNumber: "asc" } });
}

async function rejectionsOf(path: string) {
  const file = await fileRow(path);
  return db().rejectedRecord.findMany({ where: { fileId: file.id }, orderBy: { id: "asc" } });
}

describe("Parquet flow log files through ingest", () => {
  const root = mkdtempSync(join(tmpdir(), "watchfloor-parquet-"));
  const defaultBytes = buildFlowLogParquet({ fields: DEFAULT_FIELDS, rows: DEFAULT_ROWS, rowGroupSize: 2 });
  const paths = {
    gzipDefault: writeUnderKey(root, keyFor("fl-0a1b2c3d4e5f60718", "1a2b3c4d"), defaultBytes),
    snappyVersion5: "",
    large: "",
    unnamed: "",
    gzipWrapped: "",
  };
  let summary: IngestSummary;

  const V5_ROWS: FlowRow[] = [
    {
      version: 5,
      "account-id": ACCOUNT,
      "interface-id": "eni-0f0e0d0c0b0a09080",
      srcaddr: "10.0.2.15",
      dstaddr: "203.0.113.80",
      srcport: 36000,
      dstport: 443,
      protocol: 6,
      packets: 20,
      bytes: 9000,
      start: T0 + 600,
      end: T0 + 660,
      action: "ACCEPT",
      "log-status": "OK",
      "vpc-id": "vpc-0a1b2c3d",
      "subnet-id": "subnet-0a1b2c3d",
      "instance-id": null,
      "tcp-flags": 19,
      type: "IPv4",
      "pkt-srcaddr": "10.0.1.5",
      "pkt-dstaddr": "203.0.113.80",
      region: REGION,
      "az-id": "euw1-az1",
      "sublocation-type": null,
      "sublocation-id": null,
      "pkt-src-aws-service": null,
      "pkt-dst-aws-service": "S3",
      "flow-direction": "egress",
      "traffic-path": 8,
    },
    {
      version: 5,
      "account-id": ACCOUNT,
      "interface-id": "eni-0f0e0d0c0b0a09080",
      srcaddr: "2001:db8:7::20",
      dstaddr: "2001:db8:1::5",
      srcport: 443,
      dstport: 36001,
      protocol: 6,
      packets: 3,
      bytes: 180,
      start: T0 + 660,
      end: T0 + 720,
      action: "ACCEPT",
      "log-status": "OK",
      "vpc-id": "vpc-0a1b2c3d",
      "subnet-id": "subnet-0a1b2c3d",
      "instance-id": "i-0a1b2c3d4e5f60718",
      "tcp-flags": 2,
      type: "IPv6",
      "pkt-srcaddr": "2001:db8:7::20",
      "pkt-dstaddr": "2001:db8:1::5",
      region: REGION,
      "az-id": "euw1-az1",
      "flow-direction": "ingress",
    },
  ];

  /** The version 5 fields in alphabetical order, a custom format unlike the default order. */
  const V5_FIELDS = [...VERSION_5_FIELDS].sort();

  const LARGE_ROWS = 2_500;
  const largeRow = (i: number): FlowRow => numberedFlowRow(i, T0);

  const UNNAMED_ROWS: FlowRow[] = [
    flow({ "interface-id": "eni-0aaaaaaaaaaaaaaaa", srcaddr: "192.0.2.10", dstaddr: "10.0.3.3", srcport: 50000, dstport: 3389, protocol: 6, packets: 2, bytes: 120, start: T0 + 900, end: T0 + 960, action: "REJECT", "log-status": "OK" }),
  ];
  const WRAPPED_ROWS: FlowRow[] = [
    flow({ "interface-id": "eni-0bbbbbbbbbbbbbbbb", srcaddr: "192.0.2.11", dstaddr: "10.0.3.4", srcport: 50001, dstport: 22, protocol: 6, packets: 4, bytes: 240, start: T0 + 960, end: T0 + 1020, action: "ACCEPT", "log-status": "OK" }),
  ];

  beforeAll(async () => {
    paths.snappyVersion5 = writeUnderKey(
      root,
      keyFor("fl-0f0e0d0c0b0a09080", "5e6f7a8b"),
      buildFlowLogParquet({ fields: V5_FIELDS, rows: V5_ROWS, codec: "SNAPPY" }),
    );
    paths.large = writeUnderKey(
      root,
      keyFor("fl-0123456789abcdef0", "9c8d7e6f"),
      buildFlowLogParquet({ fields: DEFAULT_FIELDS, rows: Array.from({ length: LARGE_ROWS }, (_, i) => largeRow(i)), rowGroupSize: 1_000 }),
    );
    // Outside the AWS layout and named like JSON, so only the content identifies it as Parquet.
    paths.unnamed = writeUnderKey(root, "exports/flows.json", buildFlowLogParquet({ fields: DEFAULT_FIELDS, rows: UNNAMED_ROWS, codec: "UNCOMPRESSED" }));
    // A gzip-compressed copy cannot be read in place, so the reader spools it to a temporary file.
    paths.gzipWrapped = writeUnderKey(root, "exports/copy.log.parquet.gz", gzipSync(buildFlowLogParquet({ fields: DEFAULT_FIELDS, rows: WRAPPED_ROWS })));

    summary = await ingestPaths({ paths: [root], origin: "test" });
  });

  it("builds GZIP pages in three row groups", () => {
    const metadata = parquetMetadata(defaultBytes);
    expect(metadata.row_groups.map((group) => Number(group.num_rows))).toEqual([2, 2, 2]);
    const codecs = new Set(metadata.row_groups.flatMap((group) => group.columns.map((column) => column.meta_data?.codec)));
    expect([...codecs]).toEqual(["GZIP"]);
    const types = parquetSchema(metadata).children.map((child) => `${child.element.name}:${child.element.type}`);
    expect(types).toEqual([
      "version:INT32",
      "account_id:BYTE_ARRAY",
      "interface_id:BYTE_ARRAY",
      "srcaddr:BYTE_ARRAY",
      "dstaddr:BYTE_ARRAY",
      "srcport:INT32",
      "dstport:INT32",
      "protocol:INT32",
      "packets:INT64",
      "bytes:INT64",
      "start:INT64",
      "end:INT64",
      "action:BYTE_ARRAY",
      "log_status:BYTE_ARRAY",
    ]);
  });

  it("rejects nothing", () => {
    expect(summary.rejected).toEqual([]);
  });

  it("records the file under its S3 key", async () => {
    const file = await fileRow(paths.gzipDefault);
    expect(file.kind).toBe("vpcflow-parquet");
    expect(file.status).toBe("complete");
    expect(file.accountId).toBe(ACCOUNT);
    expect(file.region).toBe(REGION);
    expect(file.slot?.toISOString()).toBe(iso(T0));
    expect(file.s3Key).toBe(keyFor("fl-0a1b2c3d4e5f60718", "1a2b3c4d"));
    expect([file.records, file.inserted, file.duplicates, file.rejected]).toEqual([6, 6, 0, 0]);
  });

  it("stores every row of every row group", async () => {
    const rows = await flowRowsOf(paths.gzipDefault);
    expect(rows.map((row) => row.lineNumber)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(rows.map((row) => row.raw)).toEqual(DEFAULT_ROWS.map(textLine));
  });

  it("stores exact IPv4 values", async () => {
    const [accepted, rejected, , , , udp] = await flowRowsOf(paths.gzipDefault);
    expect(accepted).toMatchObject({
      accountId: ACCOUNT,
      interfaceId: ENI,
      srcAddr: "10.0.1.5",
      dstAddr: "203.0.113.9",
      srcPort: 49152,
      dstPort: 443,
      protocol: 6,
      packets: 12n,
      bytes: 4096n,
      action: "ACCEPT",
      logStatus: "OK",
    });
    expect(accepted?.start.toISOString()).toBe("2024-03-05T00:00:00.000Z");
    expect(accepted?.end.toISOString()).toBe("2024-03-05T00:01:00.000Z");
    expect([rejected?.srcAddr, rejected?.dstPort, rejected?.packets, rejected?.bytes, rejected?.action]).toEqual(["198.51.100.23", 22, 1n, 60n, "REJECT"]);
    expect([udp?.protocol, udp?.srcPort, udp?.dstPort, udp?.bytes]).toEqual([17, 53000, 53, 160n]);
    expect(udp?.end.toISOString()).toBe("2024-03-05T00:05:00.000Z");
  });

  it("stores IPv6 addresses", async () => {
    const row = (await flowRowsOf(paths.gzipDefault))[2];
    expect(row?.srcAddr).toBe("2001:db8:1::5");
    expect(row?.dstAddr).toBe("2001:db8:ff::9");
    expect([row?.srcPort, row?.dstPort, row?.packets, row?.bytes]).toEqual([40000, 443, 8n, 1200n]);
    expect(row?.start.toISOString()).toBe("2024-03-05T00:01:00.000Z");
  });

  it("stores NODATA and SKIPDATA with nulls", async () => {
    const rows = await flowRowsOf(paths.gzipDefault);
    for (const [row, status, start] of [[rows[3], "NODATA", T0 + 120], [rows[4], "SKIPDATA", T0 + 180]] as const) {
      expect(row?.logStatus).toBe(status);
      expect(row?.interfaceId).toBe(ENI);
      expect(row?.start.toISOString()).toBe(iso(start));
      expect(row?.end.toISOString()).toBe(iso(start + 60));
      expect([row?.srcAddr, row?.dstAddr, row?.srcPort, row?.dstPort, row?.protocol, row?.packets, row?.bytes, row?.action]).toEqual(
        [null, null, null, null, null, null, null, null],
      );
    }
  });

  it("counts NODATA and SKIPDATA", () => {
    expect(summary.bySource.vpcflow.nodata).toBe(1);
    expect(summary.bySource.vpcflow.skipdata).toBe(1);
  });

  it("maps a version 5 custom format", async () => {
    const file = await fileRow(paths.snappyVersion5);
    expect([file.kind, file.status, file.records, file.inserted]).toEqual(["vpcflow-parquet", "complete", 2, 2]);
    const [egress, ingress] = await flowRowsOf(paths.snappyVersion5);
    expect([egress?.srcAddr, egress?.dstAddr, egress?.srcPort, egress?.dstPort, egress?.bytes]).toEqual(["10.0.2.15", "203.0.113.80", 36000, 443, 9000n]);
    expect(egress?.start.toISOString()).toBe(iso(T0 + 600));
    const fields = egress?.fields as unknown as FlowRecord;
    expect(fields).toMatchObject({
      version: 5,
      vpcId: "vpc-0a1b2c3d",
      subnetId: "subnet-0a1b2c3d",
      instanceId: null,
      tcpFlags: 19,
      type: "IPv4",
      pktSrcAddr: "10.0.1.5",
      pktDstAddr: "203.0.113.80",
      region: REGION,
      azId: "euw1-az1",
      sublocationType: null,
      sublocationId: null,
      pktSrcAwsService: null,
      pktDstAwsService: "S3",
      flowDirection: "egress",
      trafficPath: 8,
      extra: {},
    });
    const ingressFields = ingress?.fields as unknown as FlowRecord;
    expect([ingressFields.type, ingressFields.flowDirection, ingressFields.trafficPath, ingressFields.instanceId]).toEqual(["IPv6", "ingress", null, "i-0a1b2c3d4e5f60718"]);
    expect(ingress?.srcAddr).toBe("2001:db8:7::20");
  });

  it("keeps row order across row groups and chunks", async () => {
    const rows = await flowRowsOf(paths.large);
    expect(rows).toHaveLength(LARGE_ROWS);
    const stored = rows.map((row) => `${row.lineNumber} ${row.srcAddr} ${row.srcPort} ${row.packets} ${row.bytes} ${row.action} ${row.start.toISOString()}`);
    const expected = Array.from({ length: LARGE_ROWS }, (_, i) => {
      const row = largeRow(i);
      return `${i + 1} ${row.srcaddr} ${row.srcport} ${row.packets} ${row.bytes} ${row.action} ${iso(T0 + i)}`;
    });
    expect(stored).toEqual(expected);
    const file = await fileRow(paths.large);
    expect([file.status, file.records, file.inserted]).toEqual(["complete", LARGE_ROWS, LARGE_ROWS]);
  });

  it("recognises Parquet by content", async () => {
    const file = await fileRow(paths.unnamed);
    expect([file.kind, file.status, file.inserted]).toEqual(["vpcflow-parquet", "complete", 1]);
    const [row] = await flowRowsOf(paths.unnamed);
    expect([row?.srcAddr, row?.dstPort, row?.action]).toEqual(["192.0.2.10", 3389, "REJECT"]);
  });

  it("reads a gzip-compressed copy", async () => {
    const file = await fileRow(paths.gzipWrapped);
    expect([file.kind, file.status, file.inserted]).toEqual(["vpcflow-parquet", "complete", 1]);
    const [row] = await flowRowsOf(paths.gzipWrapped);
    expect([row?.srcAddr, row?.dstPort, row?.bytes]).toEqual(["192.0.2.11", 22, 240n]);
  });

  it("sums the files by source", () => {
    expect(summary.bySource.vpcflow).toEqual({
      files: 5,
      records: 6 + 2 + LARGE_ROWS + 1 + 1,
      inserted: 6 + 2 + LARGE_ROWS + 1 + 1,
      duplicates: 0,
      skipped: 0,
      rejected: 0,
      nodata: 1,
      skipdata: 1,
    });
  });

  it("gives the same records as the text format", async () => {
    const textRoot = mkdtempSync(join(tmpdir(), "watchfloor-parquet-text-"));
    const text = [DEFAULT_FIELDS.join(" "), ...DEFAULT_ROWS.map(textLine)].join("\n");
    const path = writeUnderKey(textRoot, keyFor("fl-0a1b2c3d4e5f60718", "1a2b3c4d").replace(/\.log\.parquet$/, ".log"), Buffer.from(`${text}\n`));
    const textSummary = await ingestPaths({ paths: [path], origin: "test" });
    expect(textSummary.rejected).toEqual([]);
    const file = await fileRow(path);
    expect([file.kind, file.records, file.inserted, file.duplicates]).toEqual(["vpcflow", 6, 0, 6]);
  });
});

describe("broken Parquet flow log files", () => {
  const root = mkdtempSync(join(tmpdir(), "watchfloor-parquet-broken-"));
  const rows = DEFAULT_ROWS.map((row) => ({ ...row, "interface-id": "eni-0cccccccccccccccc" }));
  const whole = buildFlowLogParquet({ fields: DEFAULT_FIELDS, rows, rowGroupSize: 2 });
  const metadata = parquetMetadata(whole);
  /** The footer is the metadata, its 4-byte length, then "PAR1". */
  const footerStart = whole.length - 8 - whole.readUInt32LE(whole.length - 8);
  /** The srcaddr column chunk of the second row group. */
  const chunk = metadata.row_groups[1]?.columns[3]?.meta_data;
  const chunkStart = Number(chunk?.dictionary_page_offset ?? chunk?.data_page_offset);
  const chunkEnd = chunkStart + Number(chunk?.total_compressed_size);
  const cuts = { midFooter: whole.length - 10, midPage: chunkStart + 12 };
  const paths = { midFooter: "", midPage: "", corruptGroup: "", notFlow: "" };
  let summary: IngestSummary;

  beforeAll(async () => {
    paths.midFooter = writeUnderKey(root, keyFor("fl-0cccccccccccccccc", "00000001"), whole.subarray(0, cuts.midFooter));
    paths.midPage = writeUnderKey(root, keyFor("fl-0cccccccccccccccc", "00000002"), whole.subarray(0, cuts.midPage));

    // Zeroing the last 8 bytes of a GZIP page breaks its CRC-32 and length, with the footer intact.
    const corrupt = Buffer.from(whole);
    corrupt.fill(0, chunkEnd - 8, chunkEnd);
    paths.corruptGroup = writeUnderKey(root, keyFor("fl-0cccccccccccccccc", "00000003"), corrupt);

    const events = parquetWriteBuffer({
      columnData: [
        { name: "eventName", data: ["ConsoleLogin"], type: "STRING" },
        { name: "eventTime", data: ["2024-03-05T00:00:00Z"], type: "STRING" },
      ],
    });
    paths.notFlow = writeUnderKey(root, "exports/events.parquet", Buffer.from(events));

    summary = await ingestPaths({ paths: [root], origin: "test" });
  });

  it("cuts in the footer and in a page", () => {
    expect(metadata.row_groups).toHaveLength(3);
    expect(cuts.midFooter).toBeGreaterThan(footerStart);
    expect(cuts.midPage).toBeLessThan(chunkEnd);
    expect(chunkEnd).toBeLessThanOrEqual(footerStart);
  });

  it("rejects a file cut in the footer", async () => {
    const file = await fileRow(paths.midFooter);
    expect([file.kind, file.status]).toEqual(["vpcflow-parquet", "incomplete"]);
    const [rejection] = await rejectionsOf(paths.midFooter);
    expect(rejection?.recordIndex).toBeNull();
    expect(rejection?.reason).toBe(
      `${paths.midFooter}: the Parquet footer could not be read (parquet file invalid (footer != PAR1)). ` +
        "The file is truncated or corrupt, so copy it again from its source",
    );
    expect(await flowRowsOf(paths.midFooter)).toEqual([]);
  });

  it("rejects a file cut in a page", async () => {
    const file = await fileRow(paths.midPage);
    expect([file.kind, file.status]).toEqual(["vpcflow-parquet", "incomplete"]);
    const [rejection] = await rejectionsOf(paths.midPage);
    expect(rejection?.reason).toBe(
      `${paths.midPage}: the Parquet footer could not be read (parquet file invalid (footer != PAR1)). ` +
        "The file is truncated or corrupt, so copy it again from its source",
    );
    expect(await flowRowsOf(paths.midPage)).toEqual([]);
  });

  it("names the corrupt row group", async () => {
    const file = await fileRow(paths.corruptGroup);
    expect(file.status).toBe("incomplete");
    const [rejection] = await rejectionsOf(paths.corruptGroup);
    expect(rejection?.reason).toMatch(
      new RegExp(`^${escapeRegExp(paths.corruptGroup)}: row group 2 of 3 \\(rows 3 to 4\\) could not be read \\(.+\\)\\. The rows before it are stored$`),
    );
  });

  it("keeps rows of intact row groups before a corrupt one", async () => {
    const stored = await flowRowsOf(paths.corruptGroup);
    expect(stored.map((row) => row.lineNumber)).toEqual([1, 2]);
    expect(stored.map((row) => row.raw)).toEqual(rows.slice(0, 2).map(textLine));
  });

  it("counts the rows kept before a corrupt row group", async () => {
    const file = await fileRow(paths.corruptGroup);
    expect(file.records).toBe(2);
    expect(file.inserted).toBe(2);
    expect(file.duplicates).toBe(0);
    expect(summary.bySource.vpcflow.inserted).toBe(2);
  });

  it("counts kept rows stored by an earlier run as duplicates", async () => {
    const again = await ingestPaths({ paths: [paths.corruptGroup], origin: "test" });
    expect(again.bySource.vpcflow.records).toBe(2);
    expect(again.bySource.vpcflow.duplicates).toBe(2);
    expect(again.bySource.vpcflow.inserted).toBe(0);
  });

  it("rejects a Parquet file of other columns", async () => {
    const file = await fileRow(paths.notFlow);
    expect(file.kind).toBe("vpcflow-parquet");
    const [rejection] = await rejectionsOf(paths.notFlow);
    expect(rejection?.reason).toBe(`${paths.notFlow}: a Parquet file whose columns are not VPC flow log fields (columns: eventName, eventTime)`);
    expect(await flowRowsOf(paths.notFlow)).toEqual([]);
  });

  it("lists each broken file once", () => {
    expect(summary.rejected.map((entry) => entry.file).sort()).toEqual(Object.values(paths).sort());
  });
});

describe("watchfloor ingest --json given Parquet", () => {
  it(
    "counts the vpcflow records",
    async () => {
      const root = mkdtempSync(join(tmpdir(), "watchfloor-parquet-cli-"));
      const rows = DEFAULT_ROWS.map((row) => ({ ...row, "interface-id": "eni-0dddddddddddddddd" }));
      writeUnderKey(root, keyFor("fl-0dddddddddddddddd", "0d0d0d0d"), buildFlowLogParquet({ fields: DEFAULT_FIELDS, rows, rowGroupSize: 4 }));
      const { code, stdout } = await runCli(["ingest", "--json", root], { DATABASE_URL: database.url() });
      expect(code).toBe(0);
      const cliSummary = JSON.parse(stdout) as IngestSummary;
      expect(cliSummary.rejected).toEqual([]);
      expect(cliSummary.bySource.vpcflow).toEqual({
        files: 1,
        records: 6,
        inserted: 6,
        duplicates: 0,
        skipped: 0,
        rejected: 0,
        nodata: 1,
        skipdata: 1,
      });
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
