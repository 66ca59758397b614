/**
 * Entry points of the JSON record splitter (see json-record-splitter.ts for the
 * shapes it recognises): an async iterable over a byte stream, and a one-shot
 * function over a buffer held in memory.
 */
import { JsonRecordSplitter, type JsonElement, type SplitOptions, type SplitShape } from "./json-record-splitter";
import type { JsonSplitError } from "./json-split-error";

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
} from "./json-record-splitter";

type ChunkSource =
  | AsyncIterable<Buffer | Uint8Array | string>
  | Iterable<Buffer | Uint8Array | string>;

/** Async view over a splitter: iterate it for elements, read `shape` any time. */
export class JsonRecordStream implements AsyncIterable<JsonElement> {
  private readonly splitter: JsonRecordSplitter;
  private started = false;

  constructor(
    private readonly source: ChunkSource,
    options: SplitOptions = {},
  ) {
    this.splitter = new JsonRecordSplitter(options);
  }

  get shape(): SplitShape {
    return this.splitter.shape;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<JsonElement, void, undefined> {
    if (this.started) {
      throw new Error("a JsonRecordStream can be iterated only once");
    }
    this.started = true;
    const splitter = this.splitter;
    for await (const chunk of this.source) {
      splitter.write(toBuffer(chunk));
      for (const item of splitter.drain()) {
        yield item;
      }
      if (splitter.error) {
        throw splitter.error;
      }
    }
    splitter.end();
    for (const item of splitter.drain()) {
      yield item;
    }
    if (splitter.error) {
      throw splitter.error;
    }
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
