import { Readable } from "node:stream";

/**
 * Reads the first `size` bytes of a stream (fewer when it ends sooner) and
 * returns them with a stream that still yields every byte from the start.
 */
export async function peekStream(stream: Readable, size: number): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const parts: Buffer[] = [];
  let length = 0;
  while (length < size) {
    const next = await iterator.next();
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
