import type { Rejection } from "@/lib/ingest/types";
import {
  DEFAULT_FORMAT,
  emptyFlowRecord,
  FLOW_FIELDS,
  isHeaderLine,
  normalizeFormat,
  type FieldSpec,
} from "./flow-fields";
import { readFlowValue } from "./read-flow-value";
import type { FlowLogItem, FlowLogStats, FlowRecord } from "./types";

export interface ParseFlowLogInput {
  /** The file's lines, already decompressed (gzip members concatenated). */
  lines: AsyncIterable<string> | Iterable<string>;
  /**
   * Field names for a file without a header line: a CloudWatch Logs export carries none,
   * so pass the flow log's LogFormat (`${version} ${srcaddr} ...` or a list of names).
   * Without it the default version 2 format is used until a header line appears.
   */
  format?: string[] | string;
  /** Counts for this file, updated as lines are read. */
  stats?: FlowLogStats;
  /** Reference time for the "more than a day in the future" check. */
  now?: Date;
}

export interface Columns {
  names: string[];
  specs: Array<FieldSpec | null>;
  /** Where the mapping came from, for error messages. */
  origin: string;
  /**
   * The columns as the file spells them, for rejections, when they are not
   * the field names: Parquet writes `log_status` for the field `log-status`.
   */
  spelled?: string[];
}

export function newFlowLogStats(): FlowLogStats {
  return { lines: 0, blank: 0, headers: 0, records: 0, ok: 0, nodata: 0, skipdata: 0, rejected: 0 };
}

/**
 * Streams flow records out of a VPC or Transit Gateway flow log text file. Columns are
 * mapped by name from the header line that S3 delivery writes (and that repeats inside
 * files made by concatenating objects), never guessed from the token count: a 29-field
 * custom format in another order is still 29 fields.
 */
/** Maximum length of a line read as a record; every field of versions 2 to 8 together takes under 1 KB. */
const MAX_FLOW_LINE_CHARS = 64 * 1024;

export async function* parseFlowLogLines(input: ParseFlowLogInput): AsyncGenerator<FlowLogItem> {
  const stats = input.stats ?? newFlowLogStats();
  const now = input.now ?? new Date();
  let columns: Columns | null = input.format
    ? flowColumns(normalizeFormat(input.format), "the format option")
    : flowColumns([...DEFAULT_FORMAT], "the default version 2 format");
  let index = -1;
  for await (const rawLine of input.lines) {
    index += 1;
    stats.lines += 1;
    const line = (index === 0 ? rawLine.replace(/^\uFEFF/, "") : rawLine).replace(/\r$/, "");
    // The rejection is stored with the file's path, so its reason names the line only.
    const where = `line ${index + 1}`;
    if (line.length > MAX_FLOW_LINE_CHARS) {
      const item = reject(
        index,
        null,
        `${where}: longer than ${MAX_FLOW_LINE_CHARS / 1024} KiB, while a flow log record takes a few hundred bytes; ` +
          "the line is not a flow log record (a file without line breaks, or damaged)",
        line,
      );
      countFlowItem(stats, item);
      yield item;
      continue;
    }
    const tokens = line.trim().split(/\s+/);
    if (line.trim() === "") {
      stats.blank += 1;
      continue;
    }
    if (isHeaderLine(tokens)) {
      stats.headers += 1;
      const repeated = tokens.find((t, i) => tokens.indexOf(t) !== i);
      columns = repeated ? null : flowColumns(tokens, `the header on line ${index + 1}`);
      if (repeated) {
        stats.rejected += 1;
        yield reject(
          index,
          null,
          `${where}: header names '${repeated}' twice; its records cannot be mapped`,
          line,
        );
      }
      continue;
    }
    const item = columns
      ? readFlowRecord(tokens, columns, { index, where, line, now })
      : reject(index, null, `${where}: no usable header above this record`, line);
    countFlowItem(stats, item);
    yield item;
  }
}

/** Maps field names (`srcaddr`, `log-status`) to their specs; `origin` names the source in messages. */
export function flowColumns(names: string[], origin: string): Columns {
  return { names, specs: names.map((name) => FLOW_FIELDS[name] ?? null), origin };
}

export interface LineContext {
  index: number;
  where: string;
  line: string;
  now: Date;
}

/** A CloudWatch Logs export to S3 puts the event's ISO timestamp before each message. */
export const EXPORT_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Reads one record from its tokens, in the order of `columns`. */
export function readFlowRecord(tokens: string[], columns: Columns, ctx: LineContext): FlowLogItem {
  const values =
    tokens.length === columns.names.length + 1 && EXPORT_TIMESTAMP.test(tokens[0])
      ? tokens.slice(1)
      : tokens;
  if (values.length !== columns.names.length) {
    const reason =
      `${ctx.where}: expected ${columns.names.length} fields (from ${columns.origin}), ` +
      `got ${values.length}`;
    return reject(ctx.index, null, reason, ctx.line);
  }
  const record = emptyFlowRecord();
  for (let i = 0; i < values.length; i += 1) {
    const name = columns.names[i];
    const spec = columns.specs[i];
    if (spec === null) {
      record.extra[name] = values[i] === "-" ? null : values[i];
      continue;
    }
    const read = readFlowValue(values[i], spec.read, ctx.now);
    if (!read.ok) {
      const column = columns.spelled?.[i] ?? name;
      return reject(ctx.index, column, `${ctx.where}: column '${column}': ${read.reason}`, ctx.line);
    }
    (record as unknown as Record<string, unknown>)[spec.key] = read.value;
  }
  if (record.start && record.end && record.end < record.start) {
    return reject(ctx.index, "end", `${ctx.where}: end is before start`, ctx.line);
  }
  return { type: "flow", index: ctx.index, record, raw: ctx.line };
}

function reject(index: number, field: string | null, reason: string, line: string): FlowLogItem {
  const rejection: Rejection = {
    recordIndex: index,
    field,
    reason,
    raw: Buffer.from(line, "utf8"),
  };
  return { type: "reject", rejection };
}

/** Adds one record to the file's counts, by its log status. */
export function countFlowItem(stats: FlowLogStats, item: FlowLogItem): void {
  if (item.type === "reject") {
    stats.rejected += 1;
    return;
  }
  stats.records += 1;
  const status: FlowRecord["logStatus"] = item.record.logStatus;
  if (status === "NODATA") {
    stats.nodata += 1;
  } else if (status === "SKIPDATA") {
    stats.skipdata += 1;
  } else {
    stats.ok += 1;
  }
}
