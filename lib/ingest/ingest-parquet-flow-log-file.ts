import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { brotliDecompressSync, gunzipSync } from "node:zlib";

import {
  asyncBufferFromFile,
  parquetMetadataAsync,
  parquetReadObjects,
  parquetSchema,
  type AsyncBuffer,
  type Compressors,
  type FileMetaData,
} from "hyparquet";

import { mapParquetRow, parquetFlowColumns } from "@/lib/sources/vpcflow/map-parquet-row";
import { newFlowLogStats } from "@/lib/sources/vpcflow/parse-flow-log";
import type { FlowLogItem, FlowLogStats } from "@/lib/sources/vpcflow/types";
import type { Columns } from "@/lib/sources/vpcflow/parse-flow-log";

import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";
import { storeFlowLogItems } from "./store-flow-log-items";

/** hyparquet decodes Snappy itself; VPC Flow Logs write GZIP pages (Amazon VPC User Guide, "Flow log files"). */
const COMPRESSORS: Compressors = {
  GZIP: (input) => gunzipSync(input),
  BROTLI: (input) => brotliDecompressSync(input),
};

/**
 * Rows decoded into objects at a time. A row group of a million default-format
 * rows (6.5 MB of GZIP pages) read whole did not fit the CLI's 256 MiB heap.
 * hyparquet skips the pages before a slice without decompressing them, so a
 * page of 1 MiB (hyparquet-writer's default) is decoded a few times at most.
 */
const SLICE_ROWS = 50_000;

/**
 * Stores the records of a VPC flow log file delivered as Apache Parquet. The
 * footer sits at the end of the file, so the file is read with random access:
 * from disk when it is a local uncompressed file, else from a temporary copy.
 * Rows are read in slices of a row group (see SLICE_ROWS), so memory grows
 * with the compressed size of the largest row group, not with its row count.
 *
 * NOTE: the tests read Parquet files written by hyparquet-writer. Their
 * column names, physical types and GZIP pages follow the AWS documentation,
 * but no file written by VPC Flow Logs itself has been read.
 */
export async function ingestParquetFlowLogFile(context: FileIngestContext): Promise<FileCounts> {
  const spooled = context.filePath ? null : await spoolToTemporaryFile(context);
  try {
    const file = await asyncBufferFromFile(context.filePath ?? spooled!.path);
    const metadata = await readFooter(file, context.label);
    const parquetColumns = parquetSchema(metadata).children.map((child) => child.element.name);
    const columns = parquetFlowColumns(parquetColumns);
    if (!columns) {
      throw new Error(
        `${context.label}: a Parquet file whose columns are not VPC flow log fields ` +
          `(columns: ${parquetColumns.slice(0, 12).join(", ")}${parquetColumns.length > 12 ? ", ..." : ""})`,
      );
    }
    const stats = newFlowLogStats();
    const items = readRowGroups({ file, metadata, columns, parquetColumns, label: context.label, stats });
    return await storeFlowLogItems({ context, items, stats });
  } finally {
    if (spooled) {
      await rm(spooled.dir, { recursive: true, force: true });
    }
  }
}

/** Reads the rows of every row group in order, `sliceRows` (SLICE_ROWS unless set) at a time. */
export async function* readRowGroups(options: {
  file: AsyncBuffer;
  metadata: FileMetaData;
  columns: Columns;
  parquetColumns: string[];
  label: string;
  stats: FlowLogStats;
  sliceRows?: number;
}): AsyncGenerator<FlowLogItem> {
  const { metadata, columns, parquetColumns, stats } = options;
  const sliceRows = options.sliceRows ?? SLICE_ROWS;
  const file = new GroupByteCache(options.file);
  let groupStart = 0;
  for (const [groupIndex, group] of metadata.row_groups.entries()) {
    const groupEnd = groupStart + Number(group.num_rows);
    for (let rowStart = groupStart; rowStart < groupEnd; rowStart += sliceRows) {
      const rowEnd = Math.min(rowStart + sliceRows, groupEnd);
      let rows: Record<string, unknown>[];
      try {
        rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors: COMPRESSORS });
      } catch (error) {
        const where = `row group ${groupIndex + 1} of ${metadata.row_groups.length} (rows ${rowStart + 1} to ${rowEnd})`;
        throw new Error(`${options.label}: ${where} could not be read (${messageOf(error)}). The rows before it are stored`, {
          cause: error,
        });
      }
      for (const [offset, row] of rows.entries()) {
        yield mapParquetRow(row, columns, parquetColumns, { index: rowStart + offset, stats });
      }
    }
    file.clear();
    groupStart = groupEnd;
  }
}

/**
 * Keeps the byte ranges read for the current row group. Without an offset
 * index hyparquet reads a row group's whole column chunks for each slice of
 * its rows, and this serves them again from memory instead of from the file.
 */
class GroupByteCache implements AsyncBuffer {
  private readonly ranges = new Map<string, Promise<ArrayBuffer>>();

  constructor(private readonly file: AsyncBuffer) {}

  get byteLength(): number {
    return this.file.byteLength;
  }

  slice(start: number, end?: number): Promise<ArrayBuffer> {
    const key = `${start}:${end ?? ""}`;
    let range = this.ranges.get(key);
    if (range === undefined) {
      range = Promise.resolve(this.file.slice(start, end));
      this.ranges.set(key, range);
    }
    return range;
  }

  clear(): void {
    this.ranges.clear();
  }
}

/**
 * Reads the file metadata from the footer. A file cut short has lost its
 * footer, because the footer is written last and ends in the "PAR1" marker.
 */
async function readFooter(file: AsyncBuffer, label: string): Promise<FileMetaData> {
  try {
    return await parquetMetadataAsync(file);
  } catch (error) {
    throw new Error(
      `${label}: the Parquet footer could not be read (${messageOf(error)}). ` +
        "The file is truncated or corrupt, so copy it again from its source",
      { cause: error },
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function spoolToTemporaryFile(context: FileIngestContext): Promise<{ dir: string; path: string }> {
  const dir = await mkdtemp(join(tmpdir(), "watchfloor-parquet-"));
  const path = join(dir, "input.parquet");
  await pipeline(context.stream, createWriteStream(path));
  return { dir, path };
}
