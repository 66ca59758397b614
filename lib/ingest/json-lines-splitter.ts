/**
 * Splitter for JSON Lines (one JSON value per line, as GuardDuty S3 exports and
 * log shippers write). It cuts at newlines instead of following brackets and
 * strings, so a broken line (cut short, an unbalanced quote or brace) becomes
 * one element whose JSON.parse fails, and the lines after it are still read.
 * A raw newline cannot occur inside a valid JSON value written on one line,
 * because JSON strings escape it, so every newline ends a record.
 */
import { formatBytes } from "./format-bytes";
import { firstBytes } from "./json-byte-capture";
import {
  DEFAULT_KEEP_ELEMENT_BYTES,
  DEFAULT_MAX_ELEMENT_BYTES,
  OVERSIZE_KEPT_BYTES,
  type JsonElement,
  type ScalarValue,
  type SplitOptions,
  type SplitShape,
  type UnfinishedRecord,
} from "./json-record-splitter";
import { JsonSplitError } from "./json-split-error";

const NEWLINE = 0x0a;
const LBRACE = 0x7b;
const MAX_SHAPE_KEYS = 256;
const MAX_SCALAR_LENGTH = 1024;

/**
 * Decides from the first bytes of an input whether it is JSON Lines: its first
 * line is one JSON object with no streamed array (`Records`, `Findings`), and
 * another non-blank line follows. Returns that first object when it is, null
 * when it is not, and undefined when `head` is too short to tell and more
 * input may follow (`final` false).
 *
 * NOTE: a JSON Lines file whose first line is broken is not recognised, so it
 * goes to the structural splitter and stops at that line.
 */
export function detectJsonLines(options: {
  head: Buffer;
  streamKeys: readonly string[];
  final: boolean;
}): Record<string, unknown> | null | undefined {
  const { head } = options;
  const undecided = options.final ? null : undefined;
  const start = firstNonSpace(head, skipBom(head));
  if (start === head.length) {
    return undecided;
  }
  if (head[start] !== LBRACE) {
    return null;
  }
  const end = head.indexOf(NEWLINE, start);
  if (end === -1) {
    return undecided;
  }
  const line = head.subarray(start, end).toString("utf8");
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return null;
  }
  const record = value as Record<string, unknown>;
  if (options.streamKeys.some((key) => Array.isArray(record[key]))) {
    return null;
  }
  return firstNonSpace(head, end + 1) === head.length ? undecided : record;
}

/** A splitter with the interface of JsonRecordSplitter: write() chunks, end(), then drain() the elements. */
export class JsonLinesSplitter {
  readonly shape: SplitShape;
  error: JsonSplitError | null = null;

  private readonly maxElementBytes: number;
  /** Maximum length of a line kept whole: a longer one keeps its first OVERSIZE_KEPT_BYTES. Infinity when not below maxElementBytes. */
  private readonly keepLineBytes: number;
  private out: JsonElement[] = [];
  private parts: Buffer[] = [];
  private partsLength = 0;
  /** Bytes of the current line kept in `parts`; less than partsLength once the line is cut. */
  private keptLength = 0;
  private base = 0;
  private lineStart = 0;
  private line = 1;
  private count = 0;

  constructor(first: Record<string, unknown>, options: SplitOptions = {}) {
    this.maxElementBytes = options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
    const keep = options.keepElementBytes ?? DEFAULT_KEEP_ELEMENT_BYTES;
    this.keepLineBytes = keep < this.maxElementBytes ? keep : Number.POSITIVE_INFINITY;
    const keys = Object.keys(first).slice(0, MAX_SHAPE_KEYS);
    this.shape = { container: "lines", documents: 0, keys, scalars: scalarsOf(first, keys), elements: 0, bytes: 0 };
  }

  drain(): JsonElement[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  write(chunk: Buffer): void {
    if (this.error) {
      return;
    }
    let from = 0;
    let end = chunk.indexOf(NEWLINE);
    while (end !== -1) {
      this.take(chunk.subarray(from, end));
      if (this.error) {
        return;
      }
      this.finishLine(this.base + end + 1);
      from = end + 1;
      end = chunk.indexOf(NEWLINE, from);
    }
    this.take(chunk.subarray(from));
    this.base += chunk.length;
    this.shape.bytes = this.base;
  }

  end(): void {
    if (!this.error) {
      this.finishLine(this.base);
    }
  }

  /**
   * Returns the record on the line begun but not ended, which an end of the
   * input here would cut short, with its bytes (the first OVERSIZE_KEPT_BYTES
   * of a longer line), or null.
   */
  unfinishedRecord(): UnfinishedRecord | null {
    if (this.error) {
      return null;
    }
    const raw = Buffer.concat(this.parts);
    const { from, to } = trimmedRange(raw, this.line === 1 ? skipBom(raw) : 0);
    return to > from ? { index: this.count, path: `line ${this.line}`, bytes: raw.subarray(from, to) } : null;
  }

  private take(bytes: Buffer): void {
    this.partsLength += bytes.length;
    if (this.partsLength > this.keepLineBytes) {
      // Cut: keep the start of the line for the rejection and count the rest.
      if (this.keptLength < OVERSIZE_KEPT_BYTES && bytes.length > 0) {
        this.parts.push(bytes);
        this.keptLength += bytes.length;
      }
      if (this.keptLength > OVERSIZE_KEPT_BYTES) {
        this.parts = firstBytes(this.parts, OVERSIZE_KEPT_BYTES);
        this.keptLength = OVERSIZE_KEPT_BYTES;
      }
      return;
    }
    if (this.partsLength > this.maxElementBytes) {
      const limit = formatBytes(this.maxElementBytes);
      // The first byte past the limit.
      const offset = this.lineStart + this.maxElementBytes;
      this.error = new JsonSplitError({
        code: "too-large",
        offset,
        recordIndex: this.count,
        path: `line ${this.line}`,
        message:
          `line ${this.line} (starting at byte ${this.lineStart}) is larger than the maximum record size of ` +
          `${limit} (${this.maxElementBytes} bytes) (byte offset ${offset}, record index ${this.count})`,
      });
      this.parts = [];
      return;
    }
    if (bytes.length > 0) {
      this.parts.push(bytes);
      this.keptLength += bytes.length;
    }
  }

  /** Emits the line collected so far unless it is blank, and starts the next one at `next`. */
  private finishLine(next: number): void {
    if (this.partsLength > this.keepLineBytes) {
      this.finishCutLine(next);
      return;
    }
    const raw = Buffer.concat(this.parts, this.partsLength);
    const start = this.line === 1 ? skipBom(raw) : 0;
    const { from, to } = trimmedRange(raw, start);
    if (to > from) {
      this.out.push({
        index: this.count,
        bytes: raw.subarray(from, to),
        path: `line ${this.line}`,
        container: "lines",
        offset: this.lineStart + from,
      });
      this.count += 1;
      this.shape.documents = this.count;
      this.shape.elements = this.count;
    }
    this.startLine(next);
  }

  /** Emits the start of a line over keepLineBytes, with the line's length as `size`. */
  private finishCutLine(next: number): void {
    this.out.push({
      index: this.count,
      bytes: Buffer.concat(this.parts),
      path: `line ${this.line}`,
      container: "lines",
      offset: this.lineStart,
      size: this.partsLength,
    });
    this.count += 1;
    this.shape.documents = this.count;
    this.shape.elements = this.count;
    this.startLine(next);
  }

  private startLine(next: number): void {
    this.parts = [];
    this.partsLength = 0;
    this.keptLength = 0;
    this.lineStart = next;
    this.line += 1;
  }
}

function skipBom(bytes: Buffer): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Range of `bytes` without the JSON whitespace (space, tab, CR) around it. */
function trimmedRange(bytes: Buffer, start: number): { from: number; to: number } {
  let from = start;
  let to = bytes.length;
  while (from < to && isSpace(bytes[from])) {
    from += 1;
  }
  while (to > from && isSpace(bytes[to - 1])) {
    to -= 1;
  }
  return { from, to };
}

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

/** Index of the first byte from `from` on that is not JSON whitespace, or the length when there is none. */
function firstNonSpace(bytes: Buffer, from: number): number {
  let index = from;
  while (index < bytes.length && (isSpace(bytes[index]) || bytes[index] === NEWLINE)) {
    index += 1;
  }
  return index;
}

function scalarsOf(record: Record<string, unknown>, keys: string[]): Record<string, ScalarValue> {
  const scalars: Record<string, ScalarValue> = {};
  for (const key of keys) {
    const value = record[key];
    const scalar = value === null || typeof value === "number" || typeof value === "boolean";
    if (scalar || (typeof value === "string" && value.length <= MAX_SCALAR_LENGTH)) {
      scalars[key] = value as ScalarValue;
    }
  }
  return scalars;
}
