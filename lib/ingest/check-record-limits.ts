/**
 * Limits a record must stay within before any parser looks at its fields.
 * Each rejection names the field, so that a person can find it in the file.
 */
import { isUtf8 } from "node:buffer";

import { formatBytes } from "./format-bytes";

/**
 * Largest record stored, in bytes. CloudTrail events are at most 256 KB
 * (the EventBridge event size limit they are also delivered through), and
 * GuardDuty findings are smaller; four times that leaves room for any real record.
 */
export const MAX_RECORD_BYTES = 1024 * 1024;

/** Raw bytes kept per rejected record; a larger record is kept truncated and flagged. */
export const MAX_REJECTED_RAW_BYTES = 1024 * 1024;

/** Deepest nesting of objects and arrays accepted; real AWS records nest about ten levels. */
export const MAX_RECORD_DEPTH = 128;

export interface RecordLimitViolation {
  field: string;
  reason: string;
}

/**
 * Records above this size are rejected without parsing. Between it and
 * MAX_RECORD_BYTES, the record is parsed to name its largest field.
 */
export const MAX_PARSED_RECORD_BYTES = 8 * MAX_RECORD_BYTES;

/**
 * Records above this size have their nesting counted from the bytes before
 * parsing: JSON.parse of a line of millions of brackets takes gigabytes.
 * Smaller ones are checked after parsing, which is cheaper per record.
 */
const SCAN_DEPTH_ABOVE_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Checks the bytes of a record before JSON.parse: invalid UTF-8 is rejected,
 * never replaced, and records far over the size or nesting limits are
 * rejected without being parsed.
 */
export function checkRecordBytes(bytes: Buffer, path: string, size = bytes.length): RecordLimitViolation | null {
  // A record cut by the splitter (`size` over its bytes) was too large to keep whole.
  if (size > MAX_PARSED_RECORD_BYTES || size > bytes.length) {
    return { field: path, reason: `${path}: record is ${size} bytes, more than the limit of ${formatBytes(MAX_RECORD_BYTES)}` };
  }
  if (bytes.length > SCAN_DEPTH_ABOVE_BYTES && bracketDepthExceeds(bytes, MAX_RECORD_DEPTH)) {
    return { field: path, reason: `${path}: nested deeper than ${MAX_RECORD_DEPTH} levels of objects and arrays` };
  }
  if (isUtf8(bytes)) {
    return null;
  }
  const offset = firstInvalidUtf8Offset(bytes);
  const field = fieldWithReplacement(bytes, path) ?? path;
  return { field, reason: `${field}: invalid UTF-8 at byte ${offset} of the record` };
}

/** True when brackets and braces outside strings nest deeper than `limit`. */
export function bracketDepthExceeds(bytes: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (inString) {
      if (byte === BACKSLASH) {
        index += 1;
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > limit) {
        return true;
      }
    } else if (byte === 0x5d || byte === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/** Checks a parsed record's nesting and size; returns the first violation or null. */
export function checkRecordValue(value: unknown, bytes: Buffer, path: string): RecordLimitViolation | null {
  if (nestsDeeperThan(value, MAX_RECORD_DEPTH)) {
    const field = shortenPath(pathPastDepth(value, path) ?? path, path);
    return { field, reason: `${field}: nested deeper than ${MAX_RECORD_DEPTH} levels of objects and arrays` };
  }
  if (bytes.length > MAX_RECORD_BYTES) {
    const largest = largestString(value, path);
    const detail = largest ? `; its largest field is ${largest.field} (${formatBytes(largest.bytes)} of text)` : "";
    return {
      field: largest?.field ?? path,
      reason: `${path}: record is ${bytes.length} bytes, more than the limit of ${formatBytes(MAX_RECORD_BYTES)}${detail}`,
    };
  }
  return null;
}

/**
 * Runs on every record, so it builds no paths and no arrays of children. The
 * recursion stops at `limit` levels, so it cannot overflow the call stack
 * whatever the input.
 */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== "object") {
    return false;
  }
  if (limit === 0) {
    return true;
  }
  if (Array.isArray(value)) {
    for (const child of value) {
      if (nestsDeeperThan(child, limit - 1)) {
        return true;
      }
    }
    return false;
  }
  // JSON.parse builds plain objects, so for...in visits their own keys only.
  for (const key in value) {
    if (nestsDeeperThan((value as Record<string, unknown>)[key], limit - 1)) {
      return true;
    }
  }
  return false;
}

interface Visit {
  value: unknown;
  path: string;
  depth: number;
}

/** Walks a value with an explicit stack, in document order, calling `visit` until it returns true. */
function walk(root: unknown, rootPath: string, visit: (node: Visit) => boolean): Visit | null {
  const stack: Visit[] = [{ value: root, path: rootPath, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node)) {
      return node;
    }
    const { value, path, depth } = node;
    if (value === null || typeof value !== "object") {
      continue;
    }
    const steps = Array.isArray(value)
      ? value.map((child, i) => ({ value: child, path: `${path}[${i}]`, depth: depth + 1 }))
      : Object.entries(value).map(([key, child]) => ({ value: child, path: `${path}.${key}`, depth: depth + 1 }));
    stack.push(...steps.reverse());
  }
  return null;
}

function pathPastDepth(value: unknown, rootPath: string): string | null {
  const node = walk(value, rootPath, (n) => n.depth >= MAX_RECORD_DEPTH && n.value !== null && typeof n.value === "object");
  return node?.path ?? null;
}

function largestString(value: unknown, rootPath: string): { field: string; bytes: number } | null {
  let largest: { field: string; bytes: number } | null = null;
  walk(value, rootPath, (node) => {
    if (typeof node.value === "string") {
      const bytes = Buffer.byteLength(node.value, "utf8");
      if (!largest || bytes > largest.bytes) {
        largest = { field: node.path, bytes };
      }
    }
    return false;
  });
  return largest;
}

/** Keeps the record path and the first two steps below it: `Records[3].requestParameters.a…`. */
function shortenPath(path: string, rootPath: string): string {
  const rest = path.slice(rootPath.length);
  const steps = rest.match(/\[\d+\]|\.[^.[]+/g) ?? [];
  return steps.length <= 2 ? path : `${rootPath}${steps.slice(0, 2).join("")}…`;
}

function firstInvalidUtf8Offset(bytes: Buffer): number {
  // Decoding prefixes is quadratic in the worst case, so step by halves.
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isUtf8(bytes.subarray(0, mid + 1)) || endsInsideCharacter(bytes, mid + 1)) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

/** True when the prefix only fails because it cuts a valid multi-byte character short. */
function endsInsideCharacter(bytes: Buffer, end: number): boolean {
  for (let extra = 1; extra <= 3 && end + extra <= bytes.length; extra++) {
    if (isUtf8(bytes.subarray(0, end + extra))) {
      return true;
    }
  }
  return false;
}

/** Finds the field (a value or a key) whose text holds the invalid bytes, by parsing the lossy decoding. */
function fieldWithReplacement(bytes: Buffer, path: string): string | null {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return null;
  }
  const node = walk(value, path, (n) => (typeof n.value === "string" && n.value.includes("\uFFFD")) || lastKey(n.path).includes("\uFFFD"));
  return node?.path ?? null;
}

function lastKey(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot < 0 ? "" : path.slice(dot + 1);
}
