/**
 * Entry points of the JSON record splitter (see json-record-splitter.ts for the
 * shapes it recognises): an async iterable over a byte stream, and a one-shot
 * function over a buffer held in memory. The stream hands JSON Lines to
 * json-lines-splitter.ts instead, so that one broken line costs one record.
 */
import { detectJsonLines, JsonLinesSplitter } from "./json-lines-splitter";
import {
  DEFAULT_STREAM_KEYS,
  JsonRecordSplitter,
  type JsonElement,
  type SplitOptions,
  type SplitShape,
  type UnfinishedRecord,
} from "./json-record-splitter";
import { JsonSplitError } from "./json-split-error";

export { JsonSplitError } from "./json-split-error";
export type { JsonSplitErrorCode } from "./json-split-error";
export {
  DEFAULT_MAX_ELEMENT_BYTES,
  DEFAULT_STREAM_KEYS,
  JsonRecordSplitter,
  type JsonElement,
  type ScalarValue,
  type SplitContainer,
  type SplitOptions,
  type SplitShape,
  type UnfinishedRecord,
} from "./json-record-splitter";

type ChunkSource =
  | AsyncIterable<Buffer | Uint8Array | string>
  | Iterable<Buffer | Uint8Array | string>;

/**
 * Bytes read at most before choosing between the JSON Lines splitter and the
 * structural one. JSON Lines whose first line is longer go to the structural
 * splitter, which reads valid lines alike but stops at a broken one.
 */
const JSON_LINES_PEEK_BYTES = 1024 * 1024;

type Splitter = JsonRecordSplitter | JsonLinesSplitter;

/** Async view over a splitter: iterate it for elements, read `shape` any time. */
export class JsonRecordStream implements AsyncIterable<JsonElement> {
  private splitter: Splitter;
  private started = false;
  private cut: UnfinishedRecord | null = null;

  constructor(
    private readonly source: ChunkSource,
    private readonly options: SplitOptions = {},
  ) {
    this.splitter = new JsonRecordSplitter(options);
  }

  get shape(): SplitShape {
    return this.splitter.shape;
  }

  /**
   * The record that a failure of the input cut short, once iterating has
   * thrown that failure; null when the input failed between records.
   */
  get cutRecord(): UnfinishedRecord | null {
    return this.cut;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<JsonElement, void, undefined> {
    if (this.started) {
      throw new Error("a JsonRecordStream can be iterated only once");
    }
    this.started = true;
    // Chunks held back until the first bytes show which splitter fits.
    let head: Buffer[] | null = [];
    try {
      for await (const chunk of this.source) {
        const bytes = toBuffer(chunk);
        if (head === null) {
          yield* this.feedAll([bytes]);
          continue;
        }
        head.push(bytes);
        if (this.chooseSplitter(head, false)) {
          yield* this.feedAll(head);
          head = null;
        }
      }
    } catch (error) {
      if (!(error instanceof JsonSplitError)) {
        // The input failed (a truncated gzip). The records read so far are
        // still handed out before the failure.
        if (head !== null) {
          this.chooseSplitter(head, true);
          yield* this.feedAll(head, { quiet: true });
        }
        this.cut = this.splitter.unfinishedRecord();
        yield* this.endQuietly();
      }
      throw error;
    }
    if (head !== null) {
      this.chooseSplitter(head, true);
      yield* this.feedAll(head);
    }
    const splitter = this.splitter;
    splitter.end();
    for (const item of splitter.drain()) {
      yield item;
    }
    if (splitter.error) {
      throw splitter.error;
    }
  }

  /** Feeds held-back chunks; with `quiet`, stops at a split error instead of raising it. */
  private *feedAll(chunks: Buffer[], options: { quiet?: boolean } = {}): Generator<JsonElement> {
    for (const chunk of chunks) {
      this.splitter.write(chunk);
      yield* this.splitter.drain();
      if (this.splitter.error) {
        if (options.quiet) {
          return;
        }
        throw this.splitter.error;
      }
    }
  }

  /**
   * Ends the structural splitter after an input failure, so that a single
   * value read whole before it, which the splitter keeps back until the end, is
   * handed out. A value cut short only sets the splitter's error. JSON Lines
   * are left as they are, because a last line without its line break may be
   * cut short, and would then be rejected as a broken record.
   */
  private *endQuietly(): Generator<JsonElement> {
    if (this.splitter instanceof JsonRecordSplitter && !this.splitter.error) {
      this.splitter.end();
      yield* this.splitter.drain();
    }
  }

  /** Switches to the JSON Lines splitter when `head` shows JSON Lines; returns false while it cannot tell yet. */
  private chooseSplitter(head: Buffer[], final: boolean): boolean {
    const bytes = Buffer.concat(head);
    const complete = final || bytes.length >= JSON_LINES_PEEK_BYTES;
    const streamKeys = this.options.streamKeys ?? DEFAULT_STREAM_KEYS;
    const first = detectJsonLines({ head: bytes, streamKeys, final: complete });
    if (first === undefined) {
      return false;
    }
    if (first !== null) {
      this.splitter = new JsonLinesSplitter(first, this.options);
    }
    return true;
  }
}

/**
 * Splits a byte stream into JSON records. Elements before a structural error are
 * yielded first; the error is then thrown as a JsonSplitError.
 */
export function splitJsonRecords(
  source: ChunkSource,
  options: SplitOptions = {},
): JsonRecordStream {
  return new JsonRecordStream(source, options);
}

/** Splits a complete in-memory document; errors are returned, not thrown. */
export function splitJsonBuffer(
  input: Buffer,
  options: SplitOptions & { final?: boolean } = {},
): { elements: JsonElement[]; shape: SplitShape; error: JsonSplitError | null } {
  const splitter = new JsonRecordSplitter(options);
  splitter.write(input);
  if (options.final !== false) {
    splitter.end();
  }
  return { elements: splitter.drain(), shape: splitter.shape, error: splitter.error };
}

function toBuffer(chunk: Buffer | Uint8Array | string): Buffer {
  if (Buffer.isBuffer(chunk)) {
    return chunk;
  }
  if (typeof chunk === "string") {
    return Buffer.from(chunk, "utf8");
  }
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
