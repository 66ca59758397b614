import { createHash, type Hash } from "node:crypto";
import { Readable } from "node:stream";

/**
 * Pulls chunks from a byte source and hashes each one (SHA-256) as it is
 * pulled, whoever consumes it. A consumer that stops early (a parser that
 * gives up on a file after a syntax error) leaves the rest in the source, and
 * `drain()` reads it, so the hash still covers every byte of the input.
 */
export class HashingReader {
  private readonly hash: Hash = createHash("sha256");
  private readonly iterator: AsyncIterator<Uint8Array>;
  private pending: Promise<IteratorResult<Buffer>> = Promise.resolve({ done: false, value: Buffer.alloc(0) });
  private hex: string | null = null;
  private ended = false;
  /** Bytes pulled so far. */
  bytes = 0;
  /** The error the source failed with, if it failed. */
  error: unknown = null;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Reads the next chunk. Calls are serialised, so chunks are hashed in order. */
  next(): Promise<IteratorResult<Buffer>> {
    this.pending = this.pending.then(() => this.pull());
    return this.pending;
  }

  /**
   * A stream over the chunks not yet read. Destroying it leaves the source
   * open for `drain()`.
   */
  stream(): Readable {
    const next = () => this.next();
    async function* chunks(): AsyncGenerator<Buffer> {
      for (;;) {
        const result = await next();
        if (result.done) {
          return;
        }
        yield result.value;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  /** Reads and hashes whatever the consumer left; stops quietly on a source error. */
  async drain(): Promise<void> {
    while (!this.ended && this.error === null) {
      try {
        await this.next();
      } catch {
        return;
      }
    }
  }

  /** Closes the source without reading the rest. */
  async close(): Promise<void> {
    if (!this.ended) {
      this.ended = true;
      await this.iterator.return?.().catch(() => undefined);
    }
  }

  /** Hex SHA-256 of every byte, or null unless the source was read to its end without error. */
  digest(): string | null {
    if (this.hex === null && this.ended && this.error === null) {
      this.hex = this.hash.digest("hex");
    }
    return this.error === null ? this.hex : null;
  }

  /** True once the source was read to its end without error. */
  get complete(): boolean {
    return this.ended && this.error === null;
  }

  private async pull(): Promise<IteratorResult<Buffer>> {
    if (this.ended) {
      return { done: true, value: undefined };
    }
    try {
      const result = await this.iterator.next();
      if (result.done) {
        this.ended = true;
        return { done: true, value: undefined };
      }
      const chunk = toBuffer(result.value);
      this.hash.update(chunk);
      this.bytes += chunk.length;
      return { done: false, value: chunk };
    } catch (error) {
      this.ended = true;
      this.error = error;
      throw error;
    }
  }
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
