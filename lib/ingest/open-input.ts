/**
 * Opens an input (a file, a request body, an upload) as a stream of decompressed
 * bytes. Gzip is recognised by its magic bytes, not by the name: CloudTrail writes
 * `.json.gz`, but people rename, re-compress and upload files by hand.
 */
import type { FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";

import { formatBytes } from "./format-bytes";
import { GzipDataError, gunzipMembers } from "./gunzip-members";
import { openRegularFile } from "./open-regular-file";

export const DEFAULT_MAX_DECOMPRESSED_BYTES = 4 * 1024 ** 3;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;
const BUFFER_CHUNK_BYTES = 1024 * 1024;

export type InputErrorCode = "too-large" | "corrupt-gzip" | "read-failed";

/** An input that could not be read to the end; the message names the input. */
export class InputError extends Error {
  readonly code: InputErrorCode;
  readonly label: string;
  /** Decompressed bytes delivered before the failure. */
  readonly bytesRead: number;
  /**
   * True when every byte of the data was read and only the gzip trailer that
   * checks it is missing, so reading did not stop before the end of the input.
   */
  readonly dataComplete: boolean;

  constructor(options: {
    code: InputErrorCode;
    label: string;
    bytesRead: number;
    message: string;
    dataComplete?: boolean;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = "InputError";
    this.code = options.code;
    this.label = options.label;
    this.bytesRead = options.bytesRead;
    this.dataComplete = options.dataComplete ?? false;
  }
}

/**
 * Returns the reason stored for an input that failed after its reader had
 * stored the records read before the failure: the error, whether reading
 * stopped early, and for damaged gzip data what to do about it.
 */
export function describeStoppedInput(error: InputError): string {
  const stopped = error.dataComplete ? "" : " Stopped reading the file.";
  const steps =
    error.code === "corrupt-gzip"
      ? " The records read before the damage are stored. Copy the file again from its source and ingest it again, " +
        "which stores only the records that are missing."
      : "";
  return `${error.message}.${stopped}${steps}`;
}

export interface OpenedInput {
  /** Decompressed bytes. Errors are InputError and name the input. */
  stream: Readable;
  compressed: boolean;
  /** Size of the input as stored (compressed size for gzip), when known. */
  bytes: number | null;
  label: string;
}

interface LimitOptions {
  /** Largest decompressed size accepted (default 4 GiB): guards against gzip bombs. */
  maxDecompressedBytes?: number;
}

export async function openInput(
  options: { path: string } & LimitOptions,
): Promise<OpenedInput> {
  const { path } = options;
  const { handle, size } = await openRegularFile(path);
  let compressed;
  try {
    compressed = await fileStartsWithGzip(handle);
  } catch (error) {
    await handle.close();
    throw error;
  }
  const source = handle.createReadStream({ start: 0, highWaterMark: 256 * 1024 });
  return {
    stream: decode({ source, compressed, label: path, max: limitOf(options) }),
    compressed,
    bytes: size,
    label: path,
  };
}

/** Same as openInput for a body held in memory (HTTP API, browser upload). */
export function openInputBuffer(
  options: { body: Buffer | Uint8Array; label: string } & LimitOptions,
): OpenedInput {
  const body = toBuffer(options.body);
  const compressed = isGzip(body);
  const source = Readable.from(slices(body), { objectMode: false });
  return {
    stream: decode({ source, compressed, label: options.label, max: limitOf(options) }),
    compressed,
    bytes: body.length,
    label: options.label,
  };
}

/** Same as openInput for a stream of bytes whose size is not known in advance. */
export async function openInputStream(
  options: { stream: Readable | AsyncIterable<Uint8Array>; label: string } & LimitOptions,
): Promise<OpenedInput> {
  const { head, rest } = await peek(options.stream, 2);
  const compressed = isGzip(head);
  const source = Readable.from(prepend(head, rest), { objectMode: false });
  return {
    stream: decode({ source, compressed, label: options.label, max: limitOf(options) }),
    compressed,
    bytes: null,
    label: options.label,
  };
}

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

/** Reads a whole input into memory, decompressed, within the size limit. */
export async function readAll(input: OpenedInput): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of input.stream) {
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts);
}

function limitOf(options: LimitOptions): number {
  return options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED_BYTES;
}

async function fileStartsWithGzip(handle: FileHandle): Promise<boolean> {
  const head = Buffer.alloc(2);
  const { bytesRead } = await handle.read(head, 0, 2, 0);
  return isGzip(head.subarray(0, bytesRead));
}

function decode(options: {
  source: Readable;
  compressed: boolean;
  label: string;
  max: number;
}): Readable {
  // gunzipMembers reads every member of a multi-member file (what `cat a.gz
  // b.gz` and some log shippers produce), so no member is silently dropped.
  const bytes = options.compressed ? gunzipMembers(options.source) : readToFailure(options.source);
  return Readable.from(limited(bytes, options), { objectMode: false });
}

async function* limited(
  source: AsyncIterable<Buffer>,
  options: { compressed: boolean; label: string; max: number },
): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk;
      total += buf.length;
      if (total > options.max) {
        throw tooLarge(options.label, options.max, total, options.compressed);
      }
      yield buf;
    }
  } catch (error) {
    throw asInputError(error, options.label, total);
  }
}

function closedEarly(): Error {
  return new Error("the stream closed before its end");
}

/**
 * Yields a stream's chunks as `for await` does, but when the stream fails,
 * first yields what it had already buffered. `for await` stops reading a
 * destroyed stream at once, so the chunks it had buffered were lost whenever
 * the reader was slower than the stream.
 */
async function* readToFailure(source: Readable): AsyncGenerator<Buffer> {
  let failure: { error: unknown } | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const waiting = wake;
    wake = null;
    waiting?.();
  };
  source.on("readable", notify);
  source.on("end", () => {
    ended = true;
    notify();
  });
  source.on("error", (error) => {
    failure = { error };
    notify();
  });
  source.on("close", () => {
    if (!ended && failure === null) {
      failure = { error: closedEarly() };
    }
    notify();
  });
  // The stream may have ended or failed before this generator first ran.
  if (source.errored !== null) {
    failure = { error: source.errored };
  } else if (source.readableEnded) {
    ended = true;
  } else if (source.destroyed) {
    failure = { error: closedEarly() };
  }
  try {
    for (;;) {
      // A destroyed stream still returns what it buffered before the failure.
      for (let chunk = source.read() as Buffer | null; chunk !== null; chunk = source.read() as Buffer | null) {
        yield chunk;
      }
      if (failure !== null) {
        throw (failure as { error: unknown }).error;
      }
      if (ended) {
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    // A reader that stops early releases the stream, as `for await` does.
    if (!ended && failure === null) {
      source.destroy();
    }
  }
}

function tooLarge(label: string, max: number, total: number, compressed: boolean): InputError {
  const what = compressed ? "decompresses to" : "is";
  return new InputError({
    code: "too-large",
    label,
    bytesRead: total,
    message:
      `${label} ${what} more than the limit of ${formatBytes(max)} (${max} bytes). ` +
      "Raise WATCHFLOOR_MAX_DECOMPRESSED_BYTES if the file is genuine",
  });
}

function asInputError(error: unknown, label: string, total: number): InputError {
  if (error instanceof InputError) {
    return error;
  }
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (typeof code === "string" && code.startsWith("Z_")) {
    // Z_BUF_ERROR is zlib's "unexpected end of file": the gzip stream stops early.
    const kind = code === "Z_BUF_ERROR" ? "is truncated" : "is corrupt";
    return new InputError({
      code: "corrupt-gzip",
      label,
      bytesRead: total,
      message: `gzip data in ${label} ${kind} after ${total} decompressed bytes (${detail})`,
      dataComplete: error instanceof GzipDataError && error.dataComplete,
      cause: error,
    });
  }
  return new InputError({
    code: "read-failed",
    label,
    bytesRead: total,
    message: `could not read ${label} after ${total} bytes: ${detail}`,
    cause: error,
  });
}

function* slices(body: Buffer): Generator<Buffer> {
  for (let i = 0; i < body.length; i += BUFFER_CHUNK_BYTES) {
    yield body.subarray(i, i + BUFFER_CHUNK_BYTES);
  }
}

async function peek(
  stream: AsyncIterable<Uint8Array>,
  count: number,
): Promise<{ head: Buffer; rest: AsyncIterator<Uint8Array> }> {
  const rest = stream[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let length = 0;
  while (length < count) {
    const next = await rest.next();
    if (next.done) {
      break;
    }
    const buf = toBuffer(next.value);
    parts.push(buf);
    length += buf.length;
  }
  return { head: Buffer.concat(parts), rest };
}

async function* prepend(head: Buffer, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Buffer> {
  try {
    if (head.length > 0) {
      yield head;
    }
    for (;;) {
      const next = await rest.next();
      if (next.done) {
        return;
      }
      yield toBuffer(next.value);
    }
  } finally {
    await rest.return?.();
  }
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
