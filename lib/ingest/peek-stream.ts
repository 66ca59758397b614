import { Readable } from "node:stream";

/**
 * Reads the first `size` bytes of a stream (fewer when it ends sooner) and
 * returns them with a stream that still yields every byte from the start.
 *
 * When the stream fails after some bytes (a small gzip file cut short), those
 * bytes are the head. The returned stream yields them and then fails with the
 * same error, so a reader still stores the records before the failure. A
 * failure before the first byte is thrown.
 */
export async function peekStream(stream: Readable, size: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let length = 0;
  let failure: { error: unknown } | null = null;
  while (length < size) {
    let next: IteratorResult<Buffer>;
    try {
      next = await iterator.next();
    } catch (error) {
      if (length === 0) {
        throw error;
      }
      failure = { error };
      break;
    }
    if (next.done) {
      break;
    }
    parts.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(parts);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length > 0) {
      yield head;
    }
    if (failure !== null) {
      throw failure.error;
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        return;
      }
      yield next.value;
    }
  }
  return { head: head.subarray(0, size), stream: Readable.from(replay(), { objectMode: false }) };
}
