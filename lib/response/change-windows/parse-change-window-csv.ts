import { parse } from "csv-parse/sync";

import {
  changeWindowInputSchema,
  type ImportRejection,
  type ParsedChangeWindows,
} from "./change-window-input";
import { parseImportTime } from "./parse-import-time";

/** Columns of a change-window CSV file; title, start and end are required. */
export const CSV_COLUMNS = ["title", "start", "end", "account", "principal", "reference"] as const;

const REQUIRED = ["title", "start", "end"] as const;

// Schema fields back to the CSV column they came from, for rejection messages.
const COLUMN_OF: Record<string, string> = {
  title: "title",
  startsAt: "start",
  endsAt: "end",
  accountId: "account",
  principalPattern: "principal",
  reference: "reference",
};

interface CsvRecord {
  record: Record<string, string>;
  info: { records: number };
}

/**
 * Reads change windows from CSV text with a header row naming the columns
 * title, start, end, account, principal and reference (any order, case
 * ignored). Each bad row is rejected with its row number and column; the
 * other rows are returned.
 */
export function parseChangeWindowCsv(options: { file: string; text: string }): ParsedChangeWindows {
  const { file } = options;
  let records: CsvRecord[];
  try {
    records = parse(options.text, {
      columns: (header: string[]) => header.map((name) => name.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as CsvRecord[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { windows: [], rejected: [{ file, row: 0, field: "file", reason: `Invalid CSV: ${reason}` }] };
  }
  const header = records.length > 0 ? Object.keys(records[0].record) : [];
  const missing = REQUIRED.filter((column) => records.length > 0 && !header.includes(column));
  if (missing.length > 0) {
    return {
      windows: [],
      rejected: missing.map((column) => ({ file, row: 0, field: column, reason: `The header has no ${column} column` })),
    };
  }
  const result: ParsedChangeWindows = { windows: [], rejected: [] };
  for (const { record, info } of records) {
    const row = info.records;
    const rejection = readRow(file, row, record);
    if ("reason" in rejection) {
      result.rejected.push(rejection);
    } else {
      result.windows.push({ ...rejection, row });
    }
  }
  return result;
}

function readRow(
  file: string,
  row: number,
  record: Record<string, string>,
): ImportRejection | ReturnType<typeof changeWindowInputSchema.parse> {
  for (const column of ["start", "end"] as const) {
    if (record[column] && parseImportTime(record[column]) === null) {
      return { file, row, field: column, reason: `"${record[column]}" is not a date and time such as 2026-11-19T13:00:00Z` };
    }
  }
  const parsed = changeWindowInputSchema.safeParse({
    title: record.title ?? "",
    startsAt: record.start ? parseImportTime(record.start) : undefined,
    endsAt: record.end ? parseImportTime(record.end) : undefined,
    accountId: record.account,
    principalPattern: record.principal,
    reference: record.reference,
  });
  if (parsed.success) {
    return parsed.data;
  }
  const [issue] = parsed.error.issues;
  const field = COLUMN_OF[String(issue?.path[0])] ?? String(issue?.path[0] ?? "row");
  const missing = record[field] === undefined || record[field] === "";
  return { file, row, field, reason: missing && field !== "title" ? `The ${field} value is missing` : (issue?.message ?? "Invalid value") };
}
