/**
 * Encoding of values for PostgreSQL's COPY text format: tab-separated columns,
 * `\N` for null, and backslash escapes for backslash, newline, carriage return
 * and tab (PostgreSQL manual, "COPY", section "Text Format").
 */
export function copyValue(value: string | number | boolean | Date | Buffer | null | undefined): string {
  if (value === null || value === undefined) {
    return "\\N";
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  if (Buffer.isBuffer(value)) {
    // bytea hex input; the backslash itself must be escaped in COPY text.
    return `\\\\x${value.toString("hex")}`;
  }
  if (typeof value === "boolean") {
    return value ? "t" : "f";
  }
  if (typeof value === "number") {
    return String(value);
  }
  return escapeText(value);
}

const NEEDS_ESCAPE = /[\\\n\r\t]/;

function escapeText(text: string): string {
  // PostgreSQL text cannot hold NUL; CloudTrail strings occasionally do.
  const clean = text.includes("\u0000") ? text.replaceAll("\u0000", "\uFFFD") : text;
  if (!NEEDS_ESCAPE.test(clean)) {
    return clean;
  }
  return clean.replace(/[\\\n\r\t]/g, (char) => {
    switch (char) {
      case "\\":
        return "\\\\";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      default:
        return "\\t";
    }
  });
}

/** Encodes one row as a COPY text line, newline included. */
export function copyLine(values: Array<Parameters<typeof copyValue>[0]>): string {
  return `${values.map(copyValue).join("\t")}\n`;
}
