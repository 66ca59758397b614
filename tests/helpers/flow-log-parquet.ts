/**
 * Builds VPC flow log files in Apache Parquet as S3 delivery writes them: one
 * column per field, named with `_` for `-` (`log_status`, `pkt_srcaddr`), in
 * the order of the flow log's format. Physical types follow the "Parquet data
 * type" of each field in the Amazon VPC User Guide ("Flow log records" >
 * "Available fields"): INT32 for small integers, INT64 for counters and epoch
 * seconds, STRING (BYTE_ARRAY annotated UTF8) for the rest. Every column is
 * OPTIONAL, and a field that does not apply to a record is null. S3 delivery
 * compresses pages with GZIP.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

import type { CompressionCodec } from "hyparquet";
import { parquetWriteBuffer, type BasicType, type ColumnSource } from "hyparquet-writer";

import { DEFAULT_FORMAT } from "@/lib/sources/vpcflow/flow-fields";

/** Fields whose Parquet data type is INT_32 in the "Available fields" table. */
const INT32_FIELDS = new Set(["version", "srcport", "dstport", "protocol", "tcp-flags", "traffic-path"]);

/** Fields whose Parquet data type is INT_64: packet and byte counters and the capture window. */
const INT64_FIELDS = new Set([
  "packets",
  "bytes",
  "start",
  "end",
  "packets-lost-no-route",
  "packets-lost-blackhole",
  "packets-lost-mtu-exceeded",
  "packets-lost-ttl-expired",
]);

/** The 14 fields of the default format, in order. */
export const DEFAULT_FIELDS = DEFAULT_FORMAT;

/** All fields of versions 2 to 5, in the order of the "Available fields" table. */
export const VERSION_5_FIELDS = [
  ...DEFAULT_FIELDS,
  "vpc-id",
  "subnet-id",
  "instance-id",
  "tcp-flags",
  "type",
  "pkt-srcaddr",
  "pkt-dstaddr",
  "region",
  "az-id",
  "sublocation-type",
  "sublocation-id",
  "pkt-src-aws-service",
  "pkt-dst-aws-service",
  "flow-direction",
  "traffic-path",
] as const;

/** One record keyed by field name (`log-status`). A missing key is written as null. */
export type FlowRow = Record<string, string | number | null>;

export interface FlowParquetOptions {
  /** Field names of the flow log's format, in column order. */
  fields: readonly string[];
  rows: readonly FlowRow[];
  /** Page compression, GZIP unless set, as S3 delivery writes. */
  codec?: Extract<CompressionCodec, "GZIP" | "SNAPPY" | "UNCOMPRESSED">;
  /** Rows per row group. The whole file is one row group unless set. */
  rowGroupSize?: number;
}

/**
 * Returns record `i` of a run of distinct default-format records: TCP from
 * 10.1.x.y to 10.2.0.1:8080 on one interface, starting at `t0` (epoch
 * seconds), every third rejected.
 */
export function numberedFlowRow(i: number, t0: number): FlowRow {
  return {
    version: 2,
    "account-id": "111122223333",
    "interface-id": "eni-0123456789abcdef0",
    srcaddr: `10.1.${i >> 8}.${i & 255}`,
    dstaddr: "10.2.0.1",
    srcport: 1024 + i,
    dstport: 8080,
    protocol: 6,
    packets: 1 + (i % 7),
    bytes: 100 + i,
    start: t0 + i,
    end: t0 + i + 30,
    action: i % 3 === 0 ? "REJECT" : "ACCEPT",
    "log-status": "OK",
  };
}

/** Returns the Parquet column name S3 delivery gives a field: `log-status` is `log_status`. */
export function parquetColumnName(field: string): string {
  return field.replace(/-/g, "_");
}

/** Returns the physical type S3 delivery writes a field in, STRING for a field not listed above. */
export function parquetTypeOfField(field: string): BasicType {
  if (INT32_FIELDS.has(field)) {
    return "INT32";
  }
  return INT64_FIELDS.has(field) ? "INT64" : "STRING";
}

/** Encodes flow records as a Parquet file and returns its bytes. */
export function buildFlowLogParquet(options: FlowParquetOptions): Buffer {
  const codec = options.codec ?? "GZIP";
  const columnData: ColumnSource[] = options.fields.map((field) => {
    const type = parquetTypeOfField(field);
    return {
      name: parquetColumnName(field),
      type,
      nullable: true,
      data: options.rows.map((row) => columnValue(row[field], type, field)),
    };
  });
  const buffer = parquetWriteBuffer({
    columnData,
    codec,
    compressors: { GZIP: (input) => gzipSync(input) },
    rowGroupSize: options.rowGroupSize ?? Math.max(options.rows.length, 1),
  });
  return Buffer.from(buffer);
}

function columnValue(value: string | number | null | undefined, type: BasicType, field: string): string | number | bigint | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (type === "STRING") {
    return String(value);
  }
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new Error(`field '${field}' is ${type} and needs an integer, got ${JSON.stringify(value)}`);
  }
  return type === "INT64" ? BigInt(value) : value;
}

/**
 * Returns the key S3 delivery gives a Parquet flow log file:
 * `AWSLogs/<account>/vpcflowlogs/<region>/YYYY/MM/DD/<account>_vpcflowlogs_<region>_<flow log id>_<YYYYMMDDTHHmmZ>_<hash>.log.parquet`.
 */
export function flowLogParquetKey(options: { accountId: string; region: string; slot: Date; flowLogId: string; hash: string }): string {
  const iso = options.slot.toISOString();
  const [year, month, day] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const stamp = `${year}${month}${day}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
  const name = `${options.accountId}_vpcflowlogs_${options.region}_${options.flowLogId}_${stamp}_${options.hash}.log.parquet`;
  return ["AWSLogs", options.accountId, "vpcflowlogs", options.region, year, month, day, name].join("/");
}

/** Writes `bytes` to `root/key`, creating the folders of the key, and returns the path. */
export function writeUnderKey(root: string, key: string, bytes: Buffer): string {
  const path = join(root, ...key.split("/"));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}
