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
 * Stores the records of a VPC flow log file delivered as Apache Parquet. The
 * footer sits at the end of the file, so the file is read with random access:
 * from disk when it is a local uncompressed file, else from a temporary copy.
 * Row groups are read one at a time, so memory grows with the largest row
 * group, not with the file.
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

async function* readRowGroups(options: {
  file: AsyncBuffer;
  metadata: FileMetaData;
  columns: Columns;
  parquetColumns: string[];
  label: string;
  stats: FlowLogStats;
}): AsyncGenerator<FlowLogItem> {
  const { file, metadata, columns, parquetColumns, stats } = options;
  let rowStart = 0;
  for (const [groupIndex, group] of metadata.row_groups.entries()) {
    const rowEnd = rowStart + Number(group.num_rows);
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
    rowStart = rowEnd;
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
