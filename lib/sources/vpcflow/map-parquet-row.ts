/**
 * Maps rows of a VPC flow log Parquet file to flow records. S3 delivery in
 * Parquet names each column after its field with `_` for `-` (`account_id`,
 * `log_status`, `pkt_srcaddr`; Amazon Athena User Guide, "Create tables for
 * flow logs in Apache Parquet format") and stores counters and times as
 * INT64, which hyparquet returns as bigint. Each row becomes the tokens of the
 * equivalent text line and goes through the text parser's field readers, so
 * both formats give the same FlowRecord and the same natural id.
 */
import { isHeaderLine } from "./flow-fields";
import { countFlowItem, flowColumns, readFlowRecord, type Columns } from "./parse-flow-log";
import type { FlowLogItem, FlowLogStats } from "./types";

/** `account_id` is the field `account-id`. */
export function fieldNameOfColumn(column: string): string {
  return column.replace(/_/g, "-");
}

/**
 * The column mapping of a Parquet file, or null when its columns are not VPC
 * flow log fields (fewer than half of them known).
 */
export function parquetFlowColumns(columns: string[]): Columns | null {
  const names = columns.map(fieldNameOfColumn);
  return isHeaderLine(names) ? { ...flowColumns(names, "the Parquet schema"), spelled: columns } : null;
}

export interface ParquetRowContext {
  /** Zero-based row index in the file. */
  index: number;
  stats: FlowLogStats;
  now?: Date;
}

/** Maps one row, read as an object keyed by column name, to a flow record or a rejection. */
export function mapParquetRow(
  row: Record<string, unknown>,
  columns: Columns,
  parquetColumns: string[],
  context: ParquetRowContext,
): FlowLogItem {
  const where = `row ${context.index + 1}`;
  const tokens: string[] = [];
  for (const column of parquetColumns) {
    const token = tokenOf(row[column]);
    if (!token.ok) {
      const item = rejectRow(row, context.index, column, `${where}: column '${column}': ${token.reason}`);
      countFlowItem(context.stats, item);
      return item;
    }
    tokens.push(token.value);
  }
  const line = tokens.join(" ");
  const item = readFlowRecord(tokens, columns, { index: context.index, where, line, now: context.now ?? new Date() });
  context.stats.lines += 1;
  countFlowItem(context.stats, item);
  return item;
}

type Token = { ok: true; value: string } | { ok: false; reason: string };

function tokenOf(value: unknown): Token {
  if (value === null || value === undefined || value === "") {
    return { ok: true, value: "-" };
  }
  if (typeof value === "bigint") {
    return { ok: true, value: value.toString() };
  }
  if (typeof value === "number") {
    return Number.isInteger(value) ? { ok: true, value: String(value) } : { ok: false, reason: `expected an integer, got ${value}` };
  }
  if (typeof value === "string") {
    // The text format separates fields with spaces, so no field value holds one.
    return /\s/.test(value) ? { ok: false, reason: `unexpected whitespace in '${value}'` } : { ok: true, value };
  }
  return { ok: false, reason: `expected text or an integer, got ${describe(value)}` };
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) {
    return "binary data";
  }
  return Array.isArray(value) ? "a list" : typeof value;
}

function rejectRow(row: Record<string, unknown>, index: number, field: string, reason: string): FlowLogItem {
  const raw = Buffer.from(JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
  return { type: "reject", rejection: { recordIndex: index, field, reason, raw } };
}
