/**
 * Streaming splitter for the JSON shapes that AWS log files come in. It walks the
 * bytes once, finds where each record starts and ends, and hands back the exact
 * bytes of each record so that only records are ever given to JSON.parse.
 *
 * Recognised shapes, decided by the first non-whitespace byte and the keys seen:
 * - `{"Records": [...]}` (CloudTrail and Insights delivery files) and
 *   `{"Findings": [...]}` (GuardDuty get-findings): each array element;
 * - a bare top-level array: each element;
 * - several top-level values (NDJSON / JSON Lines): each value;
 * - one top-level object without a streamed array: that object once.
 *
 * Only the structure between records is validated here; a record's own syntax is
 * checked by the JSON.parse that the caller runs on its bytes.
 */
import { MAX_PARSED_RECORD_BYTES, MAX_REJECTED_RAW_BYTES } from "./check-record-limits";
import { formatBytes } from "./format-bytes";
import { ByteCapture } from "./json-byte-capture";
import { describeByte, isScalarStart, JsonSplitError } from "./json-split-error";

export type SplitContainer =
  | "Records"
  | "Findings"
  | "array"
  | "lines"
  | "object"
  | (string & {});

/** A record whose reading had begun, by its index and path (`Records[7]`, `line 3`). */
export interface UnfinishedRecord {
  index: number;
  path: string;
  /** The bytes read of it, for a line of JSON Lines; absent for a record inside a document. */
  bytes?: Buffer;
}

export interface JsonElement {
  /** Zero-based position of the element among all elements of the input. */
  index: number;
  /**
   * Exact bytes of the element, without surrounding whitespace. Often a view of
   * the input chunk: copy it before keeping it for long if chunks are large.
   */
  bytes: Buffer;
  /** Where it sits, for messages: `Records[12]`, `[3]`, `line 4`, or `$`. */
  path: string;
  container: SplitContainer;
  /** Byte offset of the element's first byte in the input. */
  offset: number;
  /**
   * Length of the element in the input when it is over `keepElementBytes`:
   * `bytes` then holds only its first OVERSIZE_KEPT_BYTES, and the element is
   * to be rejected as too large, not parsed.
   */
  size?: number;
}

export type ScalarValue = string | number | boolean | null;

/** What the splitter learnt about the document; filled in while it reads. */
export interface SplitShape {
  /** Container of the first top-level value, null until one has been read. */
  container: SplitContainer | null;
  /** Number of top-level values seen (2 or more means JSON Lines). */
  documents: number;
  /** Keys of the first top-level object, in order (at most 256). */
  keys: string[];
  /** Small scalar values of the first top-level object, by key. */
  scalars: Record<string, ScalarValue>;
  /** Elements yielded so far. */
  elements: number;
  /** Bytes read so far. */
  bytes: number;
}

export interface SplitOptions {
  /** Keys of a top-level object whose array value is streamed. */
  streamKeys?: readonly string[];
  /** Largest element accepted, in bytes (default 64 MiB). */
  maxElementBytes?: number;
  /**
   * Largest record kept whole, in bytes (default 8 MiB): a larger record (an
   * array element, or a line of JSON Lines) is handed out cut, with its `size`,
   * and reading goes on with the next one. Applies when below maxElementBytes.
   */
  keepElementBytes?: number;
}

export const DEFAULT_STREAM_KEYS = ["Records", "Findings"] as const;
export const DEFAULT_MAX_ELEMENT_BYTES = 64 * 1024 * 1024;
/** Records over this many bytes are rejected unparsed, so only their start is kept. */
export const DEFAULT_KEEP_ELEMENT_BYTES = MAX_PARSED_RECORD_BYTES;
/** One byte more than a rejected record keeps, so that the rejection is marked cut. */
export const OVERSIZE_KEPT_BYTES = MAX_REJECTED_RAW_BYTES + 1;

const MAX_SHAPE_KEYS = 256;
const MAX_SCALAR_BYTES = 1024;
const MAX_KEY_BYTES = 4096;

// Byte values.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;

// Parser states. Plain numbers: const enums do not survive isolatedModules.
const S_TOP = 0; // between top-level values
const S_OBJ_OPEN = 1; // after `{` of a top-level object
const S_OBJ_NEXT = 2; // after `,` in a top-level object
const S_KEY = 3; // inside a key of a top-level object
const S_COLON = 4; // after a key
const S_OBJ_VALUE = 5; // after `:`
const S_OBJ_AFTER = 6; // after a value of a top-level object
const S_ARR_OPEN = 7; // after `[` of a streamed array
const S_ARR_NEXT = 8; // after `,` in a streamed array
const S_ARR_AFTER = 9; // after an element of a streamed array
const S_VALUE = 10; // inside a value (element, object value or top-level scalar)
const S_BOM = 11; // possibly inside a UTF-8 byte order mark
const S_DONE = 12; // stopped on an error

// What a value being scanned is for.
const P_ELEMENT = 0;
const P_OBJ_VALUE = 1;
const P_TOP = 2;

// Kind of the value being scanned.
const V_CONTAINER = 0;
const V_STRING = 1;
const V_SCALAR = 2;

const EMPTY = Buffer.alloc(0);
const BOM = [0xef, 0xbb, 0xbf];

/**
 * Synchronous core: feed chunks with write(), then call end(). Completed elements
 * are collected in `drain()`; after an error, `error` is set and input is ignored.
 */
export class JsonRecordSplitter {
  readonly shape: SplitShape = {
    container: null,
    documents: 0,
    keys: [],
    scalars: {},
    elements: 0,
    bytes: 0,
  };
  error: JsonSplitError | null = null;

  private readonly streamKeys: Set<string>;
  private readonly streamKeyLengths: Set<number>;
  private readonly maxElementBytes: number;
  private readonly keepElementBytes: number;
  private out: JsonElement[] = [];

  private state = S_BOM;
  private base = 0; // bytes before the current chunk
  private line = 1; // current line, counted outside strings
  private count = 0; // elements emitted

  // Current top-level value.
  private docStart = 0;
  private docLine = 1;
  private streamedInDoc = false;
  private pending: { bytes: Buffer; offset: number; line: number } | null =
    null;

  // Current streamed array.
  private arrayKey: string | null = null;
  private arrayInObject = false;
  private local = 0;

  // Current key of a top-level object.
  private key = "";
  private keyEscaped = false;

  // Value scanner.
  private purpose = P_ELEMENT;
  private kind = V_CONTAINER;
  private depth = 0;
  private inString = false;
  private skip = 0; // bytes of the next chunk to skip (an escape split across chunks)
  private valueStart = 0;
  private cutting = false; // an element over keepElementBytes is handed out cut

  private readonly docCap = new ByteCapture();
  private readonly valCap = new ByteCapture();
  private readonly keyCap = new ByteCapture();

  constructor(options: SplitOptions = {}) {
    const keys = options.streamKeys ?? DEFAULT_STREAM_KEYS;
    this.streamKeys = new Set(keys);
    this.streamKeyLengths = new Set(keys.map((k) => Buffer.byteLength(k)));
    this.maxElementBytes = options.maxElementBytes ?? DEFAULT_MAX_ELEMENT_BYTES;
    this.keepElementBytes = options.keepElementBytes ?? DEFAULT_KEEP_ELEMENT_BYTES;
  }

  /** Elements completed since the last call. */
  drain(): JsonElement[] {
    const items = this.out;
    this.out = [];
    return items;
  }

  write(chunk: Buffer): void {
    if (this.state === S_DONE) {
      return;
    }
    const buf = chunk;
    const n = buf.length;
    let i = 0;
    if (this.skip > 0) {
      i = Math.min(this.skip, n);
      this.skip -= i;
    }
    while (i < n && this.state !== S_DONE) {
      i = this.step(buf, i, n);
    }
    if (this.state !== S_DONE) {
      this.flushCaptures(buf);
    }
    this.base += n;
    this.shape.bytes = this.base;
  }

  end(): void {
    if (this.state === S_DONE) {
      return;
    }
    if (this.state === S_VALUE && this.purpose === P_TOP && this.kind === V_SCALAR) {
      this.valueDone(EMPTY, 0);
    }
    if (this.state === S_BOM) {
      this.state = S_TOP;
    }
    if (this.state !== S_TOP) {
      const started =
        this.state === S_VALUE ? ` (it started at byte ${this.valueStart})` : "";
      this.fail(
        "truncated",
        this.base,
        `unexpected end of input while reading ${this.currentPath()}${started}`,
      );
      return;
    }
    if (this.pending) {
      this.emitPending("object", "$");
    }
  }

  private step(buf: Buffer, i: number, n: number): number {
    switch (this.state) {
      case S_VALUE:
        return this.scanValue(buf, i, n);
      case S_ARR_AFTER:
        return this.arrayAfter(buf, i, n);
      case S_ARR_OPEN:
      case S_ARR_NEXT:
        return this.arrayElement(buf, i, n);
      case S_TOP:
        return this.top(buf, i, n);
      case S_BOM:
        return this.bom(buf, i, n);
      case S_KEY:
        return this.scanKey(buf, i, n);
      default:
        return this.objectStep(buf, i, n);
    }
  }

  private flushCaptures(buf: Buffer): void {
    this.keyCap.flush(buf);
    this.valCap.flush(buf);
    this.docCap.flush(buf);
    if (this.valCap.active && this.valCap.overflow && this.purpose !== P_OBJ_VALUE && !this.cutting) {
      this.failTooLarge(this.base + buf.length);
    }
  }

  // Whitespace skipping shared by the structural states; counts lines.
  private skipSpace(buf: Buffer, i: number, n: number): number {
    while (i < n) {
      const c = buf[i];
      if (c === NEWLINE) {
        this.line++;
      } else if (c !== SPACE && c !== TAB && c !== CR) {
        return i;
      }
      i++;
    }
    return n;
  }

  private bom(buf: Buffer, i: number, n: number): number {
    // A UTF-8 byte order mark (EF BB BF) may precede a document saved by an editor.
    // This state is only ever active on the first three bytes of the input.
    const position = this.base + i;
    if (position < 3 && buf[i] === BOM[position]) {
      if (position === 2) {
        this.state = S_TOP;
      }
      return i + 1;
    }
    if (position > 0) {
      return this.fail("syntax", position, "incomplete UTF-8 byte order mark");
    }
    this.state = S_TOP;
    return i;
  }

  private top(buf: Buffer, i: number, n: number): number {
    i = this.skipSpace(buf, i, n);
    if (i === n) {
      return n;
    }
    const c = buf[i];
    if (c !== LBRACE && c !== LBRACKET && c !== QUOTE && !isScalarStart(c)) {
      return this.trailingData(c, i);
    }
    if (this.shape.documents > 0 && this.pending) {
      this.emitPending("lines", `line ${this.pending.line}`);
    }
    this.docStart = this.base + i;
    this.docLine = this.line;
    this.streamedInDoc = false;
    if (c === LBRACE) {
      this.docCap.begin(i, this.maxElementBytes);
      this.state = S_OBJ_OPEN;
      return i + 1;
    }
    if (c === LBRACKET) {
      this.setContainer("array");
      this.openArray(null, false);
      return i + 1;
    }
    return this.startValue(buf, i, P_TOP);
  }

  private trailingData(c: number, i: number): number {
    if (this.shape.documents === 0) {
      return this.fail("syntax", this.base + i, `expected a JSON value, found ${describeByte(c)}`);
    }
    if (this.pending) {
      this.emitPending("object", "$");
    }
    return this.fail(
      "syntax",
      this.base + i,
      `unexpected ${describeByte(c)} after the end of the JSON document`,
    );
  }

  private objectStep(buf: Buffer, i: number, n: number): number {
    i = this.skipSpace(buf, i, n);
    if (i === n) {
      return n;
    }
    const c = buf[i];
    const at = this.base + i;
    switch (this.state) {
      case S_OBJ_OPEN:
      case S_OBJ_NEXT:
        if (c === QUOTE) {
          this.keyCap.begin(i + 1, MAX_KEY_BYTES);
          this.keyEscaped = false;
          this.inString = true;
          this.state = S_KEY;
          return i + 1;
        }
        if (c === RBRACE && this.state === S_OBJ_OPEN) {
          return this.objectEnd(buf, i);
        }
        return this.fail("syntax", at, `expected a key, found ${describeByte(c)}`);
      case S_COLON:
        if (c === COLON) {
          this.state = S_OBJ_VALUE;
          return i + 1;
        }
        return this.fail(
          "syntax",
          at,
          `expected ':' after key "${this.key}", found ${describeByte(c)}`,
        );
      case S_OBJ_VALUE:
        if (c === LBRACKET && this.streamKeys.has(this.key)) {
          this.beginStream(this.key);
          return i + 1;
        }
        if (c === LBRACE || c === LBRACKET || c === QUOTE || isScalarStart(c)) {
          return this.startValue(buf, i, P_OBJ_VALUE);
        }
        return this.fail(
          "syntax",
          at,
          `expected a value for key "${this.key}", found ${describeByte(c)}`,
        );
      default: // S_OBJ_AFTER
        if (c === COMMA) {
          this.state = S_OBJ_NEXT;
          return i + 1;
        }
        if (c === RBRACE) {
          return this.objectEnd(buf, i);
        }
        return this.fail(
          "syntax",
          at,
          `expected ',' or '}' after the value of "${this.key}", found ${describeByte(c)}`,
        );
    }
  }

  private scanKey(buf: Buffer, i: number, n: number): number {
    while (i < n) {
      const c = buf[i];
      if (c === BACKSLASH) {
        this.keyEscaped = true;
        i += 2;
        continue;
      }
      if (c === QUOTE) {
        const raw = this.keyCap.finish(buf, i);
        this.key = raw ? this.decodeKey(raw) : "";
        this.state = S_COLON;
        return i + 1;
      }
      i++;
    }
    if (i > n) {
      this.skip = i - n;
    }
    return n;
  }

  private decodeKey(raw: Buffer): string {
    const recordKeys = this.shape.documents === 0;
    if (!recordKeys && !this.streamKeyLengths.has(raw.length) && !this.keyEscaped) {
      return ""; // cannot be a streamed key; later documents need nothing else
    }
    let key: string;
    if (this.keyEscaped) {
      try {
        key = JSON.parse(`"${raw.toString("utf8")}"`) as string;
      } catch {
        key = raw.toString("utf8");
      }
    } else {
      key = raw.toString("utf8");
    }
    if (recordKeys && this.shape.keys.length < MAX_SHAPE_KEYS) {
      this.shape.keys.push(key);
    }
    return key;
  }

  private objectEnd(buf: Buffer, i: number): number {
    if (this.streamedInDoc) {
      this.docCap.cancel();
      this.documentDone();
      return i + 1;
    }
    const bytes = this.docCap.finish(buf, i + 1);
    if (!bytes) {
      this.valueStart = this.docStart;
      return this.failTooLarge(this.base + i + 1);
    }
    this.wholeDone(bytes);
    return i + 1;
  }

  private beginStream(key: string): void {
    if (this.shape.documents === 0 && !this.streamedInDoc) {
      this.setContainer(key);
    }
    this.streamedInDoc = true;
    this.docCap.cancel();
    this.openArray(key, true);
  }

  private openArray(key: string | null, inObject: boolean): void {
    this.arrayKey = key;
    this.arrayInObject = inObject;
    this.local = 0;
    this.streamedInDoc = true;
    this.state = S_ARR_OPEN;
  }

  private arrayElement(buf: Buffer, i: number, n: number): number {
    i = this.skipSpace(buf, i, n);
    if (i === n) {
      return n;
    }
    const c = buf[i];
    if (c === RBRACKET && this.state === S_ARR_OPEN) {
      return this.arrayEnd(i);
    }
    if (c === LBRACE || c === LBRACKET || c === QUOTE || isScalarStart(c)) {
      return this.startValue(buf, i, P_ELEMENT);
    }
    const what = this.state === S_ARR_NEXT ? "an element after ','" : "an element or ']'";
    return this.fail(
      "syntax",
      this.base + i,
      `expected ${what} in ${this.containerLabel()}, found ${describeByte(c)}`,
    );
  }

  private arrayAfter(buf: Buffer, i: number, n: number): number {
    i = this.skipSpace(buf, i, n);
    if (i === n) {
      return n;
    }
    const c = buf[i];
    if (c === COMMA) {
      this.state = S_ARR_NEXT;
      return i + 1;
    }
    if (c === RBRACKET) {
      return this.arrayEnd(i);
    }
    return this.fail(
      "syntax",
      this.base + i,
      `expected ',' or ']' after ${this.elementPath(this.local - 1)}, found ${describeByte(c)}`,
    );
  }

  private arrayEnd(i: number): number {
    if (this.arrayInObject) {
      this.key = this.arrayKey ?? "";
      this.state = S_OBJ_AFTER;
    } else {
      this.documentDone();
    }
    this.arrayKey = null;
    return i + 1;
  }

  private startValue(buf: Buffer, i: number, purpose: number): number {
    const c = buf[i];
    this.purpose = purpose;
    this.valueStart = this.base + i;
    this.state = S_VALUE;
    this.inString = false;
    this.depth = 0;
    this.cutting = purpose === P_ELEMENT && this.keepElementBytes < this.maxElementBytes;
    if (this.cutting) {
      this.valCap.begin(i, this.keepElementBytes, OVERSIZE_KEPT_BYTES);
    } else if (purpose === P_ELEMENT || purpose === P_TOP) {
      this.valCap.begin(i, this.maxElementBytes);
    } else if (c !== LBRACE && c !== LBRACKET && this.shape.documents === 0) {
      this.valCap.begin(i, MAX_SCALAR_BYTES); // a small scalar may be kept in the shape
    }
    if (c === LBRACE || c === LBRACKET) {
      this.kind = V_CONTAINER;
      this.depth = 1;
      return i + 1;
    }
    if (c === QUOTE) {
      this.kind = V_STRING;
      this.inString = true;
      return i + 1;
    }
    this.kind = V_SCALAR;
    return i;
  }

  /** The hot loop: finds the end of a value, tracking strings and nesting. */
  private scanValue(buf: Buffer, i: number, n: number): number {
    if (this.kind === V_SCALAR) {
      while (i < n) {
        const c = buf[i];
        if (
          c === COMMA || c === RBRACKET || c === RBRACE || c === SPACE ||
          c === NEWLINE || c === CR || c === TAB || c === QUOTE ||
          c === LBRACE || c === LBRACKET
        ) {
          this.valueDone(buf, i);
          return i;
        }
        i++;
      }
      return n;
    }
    let depth = this.depth;
    let inString = this.inString;
    let lines = 0;
    while (i < n) {
      let c = buf[i];
      if (inString) {
        while (c !== QUOTE && c !== BACKSLASH) {
          if (++i === n) {
            break;
          }
          c = buf[i];
        }
        if (i === n) {
          break;
        }
        if (c === BACKSLASH) {
          i += 2;
          continue;
        }
        inString = false;
        i++;
        if (depth === 0) {
          this.line += lines;
          this.valueDone(buf, i);
          return i;
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
      } else if (c === LBRACE || c === LBRACKET) {
        depth++;
      } else if (c === RBRACE || c === RBRACKET) {
        if (--depth === 0) {
          i++;
          this.line += lines;
          this.valueDone(buf, i);
          return i;
        }
      } else if (c === NEWLINE) {
        lines++;
      }
      i++;
    }
    if (i > n) {
      this.skip = i - n;
    }
    this.depth = depth;
    this.inString = inString;
    this.line += lines;
    return n;
  }

  private valueDone(buf: Buffer, end: number): void {
    switch (this.purpose) {
      case P_ELEMENT: {
        const size = this.valCap.size(end);
        const bytes = this.valCap.finish(buf, end);
        if (!bytes && !this.cutting) {
          this.failTooLarge(this.base + end);
          return;
        }
        const container = this.arrayKey ?? "array";
        if (bytes) {
          this.emit(bytes, this.elementPath(this.local), container, this.valueStart);
        } else {
          this.emit(this.valCap.takeKept(), this.elementPath(this.local), container, this.valueStart, size);
        }
        this.local++;
        this.state = S_ARR_AFTER;
        return;
      }
      case P_OBJ_VALUE:
        if (this.valCap.active) {
          this.keepScalar(this.valCap.finish(buf, end));
        }
        this.state = S_OBJ_AFTER;
        return;
      default: {
        const bytes = this.valCap.finish(buf, end);
        if (!bytes) {
          this.failTooLarge(this.base + end);
          return;
        }
        this.wholeDone(bytes);
      }
    }
  }

  private keepScalar(bytes: Buffer | null): void {
    if (!bytes || this.shape.documents > 0) {
      return;
    }
    try {
      const value = JSON.parse(bytes.toString("utf8")) as ScalarValue;
      this.shape.scalars[this.key] = value;
    } catch {
      // A malformed scalar is reported by whoever parses the record.
    }
  }

  /** A top-level value without a streamed array has been read completely. */
  private wholeDone(bytes: Buffer): void {
    const offset = this.docStart;
    if (this.shape.documents === 0) {
      // One value alone is an "object"; followed by more it is JSON Lines.
      // Hold it until the next value or the end of input decides.
      this.pending = { bytes, offset, line: this.docLine };
    } else {
      this.setContainer("lines");
      this.emit(bytes, `line ${this.docLine}`, "lines", offset);
    }
    this.documentDone();
  }

  private emitPending(container: SplitContainer, path: string): void {
    const pending = this.pending;
    if (!pending) {
      return;
    }
    this.pending = null;
    this.shape.container = container;
    this.emit(pending.bytes, path, container, pending.offset);
  }

  private documentDone(): void {
    this.shape.documents++;
    this.state = S_TOP;
  }

  private setContainer(container: SplitContainer): void {
    if (this.shape.documents === 0 || this.shape.container === null) {
      this.shape.container = container;
    }
  }

  private emit(
    bytes: Buffer,
    path: string,
    container: SplitContainer,
    offset: number,
    size?: number,
  ): void {
    const element: JsonElement = { index: this.count, bytes, path, container, offset };
    if (size !== undefined) {
      element.size = size;
    }
    this.out.push(element);
    this.count++;
    this.shape.elements = this.count;
  }

  private elementPath(local: number): string {
    const name = `${this.arrayKey ?? ""}[${local}]`;
    return this.shape.documents === 0 ? name : `line ${this.docLine}: ${name}`;
  }

  private containerLabel(): string {
    const name = this.arrayKey ?? "the top-level array";
    return this.shape.documents === 0 ? name : `line ${this.docLine}: ${name}`;
  }

  private currentPath(): string {
    if (this.state === S_VALUE && this.purpose === P_ELEMENT) {
      return this.elementPath(this.local);
    }
    if (this.state === S_ARR_OPEN || this.state === S_ARR_NEXT || this.state === S_ARR_AFTER) {
      return `${this.containerLabel()} after ${this.local} element(s)`;
    }
    return this.shape.documents === 0 ? "the document" : `line ${this.docLine}`;
  }

  private failTooLarge(at: number): number {
    const limit = formatBytes(this.maxElementBytes);
    return this.fail(
      "too-large",
      at,
      `${this.currentPath()} (starting at byte ${this.valueStart}) is larger than the ` +
        `maximum record size of ${limit} (${this.maxElementBytes} bytes)`,
    );
  }

  private fail(code: JsonSplitError["code"], offset: number, message: string): number {
    this.error = new JsonSplitError({
      code,
      offset,
      recordIndex: this.count,
      path: this.currentPathSafe(),
      message: `${message} (byte offset ${offset}, record index ${this.count})`,
    });
    this.state = S_DONE;
    this.docCap.cancel();
    this.valCap.cancel();
    this.keyCap.cancel();
    return Number.MAX_SAFE_INTEGER;
  }

  /**
   * Returns the record being read, which an end of the input here would cut
   * short, or null between records. A top-level value is a record unless it
   * streams an array (`{"Records": [...]}`).
   */
  unfinishedRecord(): UnfinishedRecord | null {
    if (this.state === S_VALUE && this.purpose === P_ELEMENT) {
      return { index: this.count, path: this.elementPath(this.local) };
    }
    const inTopObject = this.state >= S_OBJ_OPEN && this.state <= S_OBJ_AFTER;
    const inTopValue = inTopObject || (this.state === S_VALUE && this.purpose !== P_ELEMENT);
    if (!inTopValue || this.streamedInDoc) {
      return null;
    }
    return { index: this.count, path: this.shape.documents === 0 ? "$" : `line ${this.docLine}` };
  }

  private currentPathSafe(): string | null {
    if (this.state === S_VALUE && this.purpose === P_ELEMENT) {
      return this.elementPath(this.local);
    }
    return null;
  }
}
