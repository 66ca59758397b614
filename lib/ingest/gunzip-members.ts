/**
 * Decompresses gzip data (RFC 1952), every member of it, yielding all the
 * output that was decompressed before a failure.
 *
 * Node's Gunzip stream drops the output of the step in which it fails (with
 * Node 20 and 64 KiB output chunks, the last 41 KiB of a 500 KB test file).
 * A trailer whose CRC does not match, or bytes after the last member that are
 * not gzip, then cost the last records of a file although their bytes
 * decompressed correctly. Here each member's deflate data is inflated raw,
 * and the header and trailer are checked here, so those errors are raised
 * after every decompressed byte.
 */
import { crc32, createInflateRaw } from "node:zlib";

const MAGIC_0 = 0x1f;
const MAGIC_1 = 0x8b;
const METHOD_DEFLATE = 8;
const FLAG_HEADER_CRC = 0x02;
const FLAG_EXTRA = 0x04;
const FLAG_NAME = 0x08;
const FLAG_COMMENT = 0x10;
const FLAGS_RESERVED = 0xe0;
const FIXED_HEADER_BYTES = 10;
const TRAILER_BYTES = 8;
const OUTPUT_CHUNK_BYTES = 64 * 1024;

/** A gzip format error, with the zlib error code the input reader maps to a reason. */
export class GzipDataError extends Error {
  /** `Z_BUF_ERROR` when the data ends early, `Z_DATA_ERROR` when it is invalid. */
  readonly code: "Z_BUF_ERROR" | "Z_DATA_ERROR";
  /** True when every byte of the data decompressed and only the trailer that checks it is missing. */
  readonly dataComplete: boolean;

  constructor(code: "Z_BUF_ERROR" | "Z_DATA_ERROR", message: string, options: { dataComplete?: boolean } = {}) {
    super(message);
    this.name = "GzipDataError";
    this.code = code;
    this.dataComplete = options.dataComplete ?? false;
  }
}

function truncated(): GzipDataError {
  return new GzipDataError("Z_BUF_ERROR", "unexpected end of file");
}

/** Returns the error for a member whose data decompressed whole but whose trailer is missing or cut short. */
function missingTrailer(member: number, available: number): GzipDataError {
  const where = available === 0 ? "before" : `${available} bytes into`;
  return new GzipDataError(
    "Z_BUF_ERROR",
    `gzip member ${member} ends ${where} its ${TRAILER_BYTES}-byte trailer of CRC-32 and length, so its data could not be checked`,
    { dataComplete: true },
  );
}

/** Bytes pulled from a source on demand, with unused bytes put back. */
class InputBytes {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private buffered: Buffer = Buffer.alloc(0);
  private sourceEnded = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  get available(): number {
    return this.buffered.length;
  }

  /** Reads until `count` bytes are buffered; returns false when the source ends first. */
  async fill(count: number): Promise<boolean> {
    while (this.buffered.length < count && !this.sourceEnded) {
      const next = await this.iterator.next();
      if (next.done) {
        this.sourceEnded = true;
      } else {
        const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
        this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
      }
    }
    return this.buffered.length >= count;
  }

  peek(at: number): number {
    return this.buffered[at]!;
  }

  take(count: number): Buffer {
    const head = this.buffered.subarray(0, count);
    this.buffered = this.buffered.subarray(count);
    return head;
  }

  takeAll(): Buffer {
    return this.take(this.buffered.length);
  }

  putBack(bytes: Buffer): void {
    this.buffered = this.buffered.length === 0 ? bytes : Buffer.concat([bytes, this.buffered]);
  }

  /** Reads the rest of the source and returns true when every byte left is zero. */
  async restIsZero(): Promise<boolean> {
    for (;;) {
      if (this.takeAll().some((byte) => byte !== 0)) {
        return false;
      }
      if (!(await this.fill(1))) {
        return true;
      }
    }
  }

  async close(): Promise<void> {
    if (!this.sourceEnded) {
      this.sourceEnded = true;
      await this.iterator.return?.();
    }
  }
}

/**
 * Yields the decompressed bytes of every gzip member in `source`. Zero bytes
 * after the last member are ignored, as Node's Gunzip ignores them. Throws a
 * GzipDataError, after yielding everything decompressed before it, when the
 * data ends early, a header or trailer is invalid, or other bytes follow.
 */
export async function* gunzipMembers(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  const input = new InputBytes(source);
  try {
    for (let member = 0; ; member += 1) {
      if (member > 0 && !(await input.fill(1))) {
        return;
      }
      if (member > 0 && (!(await input.fill(2)) || input.peek(0) !== MAGIC_0 || input.peek(1) !== MAGIC_1)) {
        if (await input.restIsZero()) {
          return;
        }
        throw new GzipDataError("Z_DATA_ERROR", `bytes after gzip member ${member} are not gzip data`);
      }
      await readHeader(input);
      const check = { crc: 0, size: 0 };
      yield* inflateMember(input, check);
      if (!(await input.fill(TRAILER_BYTES))) {
        throw missingTrailer(member + 1, input.available);
      }
      const trailer = input.take(TRAILER_BYTES);
      if (trailer.readUInt32LE(0) !== check.crc) {
        throw new GzipDataError("Z_DATA_ERROR", `incorrect data check in gzip member ${member + 1}`);
      }
      if (trailer.readUInt32LE(4) !== check.size % 2 ** 32) {
        throw new GzipDataError("Z_DATA_ERROR", `incorrect length check in gzip member ${member + 1}`);
      }
    }
  } finally {
    await input.close();
  }
}

/** Reads and checks a member header, leaving the input at its deflate data. */
async function readHeader(input: InputBytes): Promise<void> {
  if (!(await input.fill(FIXED_HEADER_BYTES))) {
    throw truncated();
  }
  if (input.peek(0) !== MAGIC_0 || input.peek(1) !== MAGIC_1) {
    throw new GzipDataError("Z_DATA_ERROR", "incorrect header check");
  }
  if (input.peek(2) !== METHOD_DEFLATE) {
    throw new GzipDataError("Z_DATA_ERROR", "unknown compression method");
  }
  const flags = input.peek(3);
  if ((flags & FLAGS_RESERVED) !== 0) {
    throw new GzipDataError("Z_DATA_ERROR", "unknown header flags set");
  }
  let length = FIXED_HEADER_BYTES;
  if ((flags & FLAG_EXTRA) !== 0) {
    if (!(await input.fill(length + 2))) {
      throw truncated();
    }
    length += 2 + (input.peek(length) | (input.peek(length + 1) << 8));
  }
  for (const flag of [FLAG_NAME, FLAG_COMMENT]) {
    if ((flags & flag) !== 0) {
      length = await endOfZeroTerminated(input, length);
    }
  }
  if ((flags & FLAG_HEADER_CRC) !== 0) {
    // NOTE: the header CRC is skipped, not checked. The trailer's CRC covers the content.
    length += 2;
  }
  if (!(await input.fill(length))) {
    throw truncated();
  }
  input.take(length);
}

/** Returns the offset after the zero byte that ends a field starting at `from`. */
async function endOfZeroTerminated(input: InputBytes, from: number): Promise<number> {
  for (let at = from; ; at += 1) {
    if (!(await input.fill(at + 1))) {
      throw truncated();
    }
    if (input.peek(at) === 0) {
      return at + 1;
    }
  }
}

/**
 * Inflates one member's deflate data, updating its CRC and size, and puts
 * back the input bytes after it. Each input chunk is written only once the
 * previous one was consumed, so only the last one can contain bytes after the
 * deflate data.
 */
async function* inflateMember(input: InputBytes, check: { crc: number; size: number }): AsyncGenerator<Buffer> {
  const inflate = createInflateRaw({ chunkSize: OUTPUT_CHUNK_BYTES });
  const state = { failure: null as Error | null, ended: false, wake: null as (() => void) | null };
  const notify = () => {
    const waiting = state.wake;
    state.wake = null;
    waiting?.();
  };
  inflate.on("readable", notify);
  inflate.on("end", () => {
    state.ended = true;
    notify();
  });
  inflate.on("error", (error) => {
    state.failure = error;
    notify();
  });
  const drain = function* (): Generator<Buffer> {
    for (let out = inflate.read() as Buffer | null; out !== null; out = inflate.read() as Buffer | null) {
      check.crc = crc32(out, check.crc);
      check.size += out.length;
      yield out;
    }
  };
  let written = 0;
  try {
    for (;;) {
      const chunk = input.available > 0 || (await input.fill(1)) ? input.takeAll() : null;
      let consumed = false;
      if (chunk === null) {
        inflate.end();
      } else {
        written += chunk.length;
        inflate.write(chunk, () => {
          consumed = true;
          notify();
        });
      }
      // Reads output until the chunk is consumed (or, at the end, until the stream ends).
      for (;;) {
        yield* drain();
        if (state.failure !== null) {
          throw state.failure;
        }
        if (state.ended || consumed) {
          break;
        }
        await waitFor(state);
      }
      yield* drain();
      if (chunk === null) {
        // The input ended where the deflate data ended; the trailer is missing.
        return;
      }
      // zlib stops taking input at the end of the deflate data, and the
      // output before that end was pushed before the write callback ran.
      const unused = written - inflate.bytesWritten;
      if (state.ended || unused > 0) {
        input.putBack(chunk.subarray(chunk.length - unused));
        return;
      }
    }
  } finally {
    inflate.destroy();
  }
}

function waitFor(state: { wake: (() => void) | null }): Promise<void> {
  return new Promise<void>((resolve) => {
    state.wake = resolve;
  });
}

