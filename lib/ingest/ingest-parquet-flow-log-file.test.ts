import { parquetMetadata, parquetSchema, type AsyncBuffer } from "hyparquet";
import { describe, expect, it } from "vitest";

import { parquetFlowColumns } from "@/lib/sources/vpcflow/map-parquet-row";
import { newFlowLogStats } from "@/lib/sources/vpcflow/parse-flow-log";
import type { FlowLogItem } from "@/lib/sources/vpcflow/types";
import { buildFlowLogParquet, DEFAULT_FIELDS, numberedFlowRow, type FlowRow } from "@/tests/helpers/flow-log-parquet";

import { readRowGroups } from "./ingest-parquet-flow-log-file";

const ROWS = 2_300;
const T0 = 1_709_596_800;

function row(i: number): FlowRow {
  return numberedFlowRow(i, T0);
}

/** Builds a file of two row groups (2,000 and 300 rows) and counts the reads of its bytes. */
function countedFile(): { file: AsyncBuffer; reads: () => number; bytes: Buffer } {
  const bytes = buildFlowLogParquet({ fields: DEFAULT_FIELDS, rows: Array.from({ length: ROWS }, (_, i) => row(i)), rowGroupSize: 2_000 });
  // A copy, whose buffer is an ArrayBuffer of exactly the file's bytes.
  const buffer = new Uint8Array(bytes).buffer;
  let reads = 0;
  const file: AsyncBuffer = {
    byteLength: buffer.byteLength,
    slice(start, end) {
      reads += 1;
      return buffer.slice(start, end);
    },
  };
  return { file, reads: () => reads, bytes };
}

async function readAll(file: AsyncBuffer, bytes: Buffer, sliceRows: number): Promise<FlowLogItem[]> {
  const metadata = parquetMetadata(new Uint8Array(bytes).buffer);
  const parquetColumns = parquetSchema(metadata).children.map((child) => child.element.name);
  const columns = parquetFlowColumns(parquetColumns);
  expect(columns).not.toBeNull();
  const items: FlowLogItem[] = [];
  for await (const item of readRowGroups({ file, metadata, columns: columns!, parquetColumns, label: "flows.parquet", stats: newFlowLogStats(), sliceRows })) {
    items.push(item);
  }
  return items;
}

describe("readRowGroups", () => {
  it("reads slices of a row group in order", async () => {
    const { file, bytes } = countedFile();
    const items = await readAll(file, bytes, 300);
    expect(items).toHaveLength(ROWS);
    const read = items.map((item) => (item.type === "flow" ? `${item.index} ${item.record.srcAddr} ${item.record.bytes} ${item.record.action}` : "rejected"));
    const expected = Array.from({ length: ROWS }, (_, i) => `${i} ${row(i).srcaddr} ${row(i).bytes} ${row(i).action}`);
    expect(read).toEqual(expected);
  });

  it("reads each row group's bytes once", async () => {
    const sliced = countedFile();
    await readAll(sliced.file, sliced.bytes, 300);
    const whole = countedFile();
    await readAll(whole.file, whole.bytes, ROWS);
    expect(sliced.reads()).toBe(whole.reads());
  });
});
