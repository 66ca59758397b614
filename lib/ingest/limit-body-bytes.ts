import { formatBytes } from "./format-bytes";
import { InputError } from "./open-input";

/** A request body that went past the size limit while it was being read. */
export class BodyTooLargeError extends InputError {
  constructor(options: { label: string; max: number; bytesRead: number }) {
    super({
      code: "too-large",
      label: options.label,
      bytesRead: options.bytesRead,
      message:
        `${options.label}: the request body is larger than the limit of ${formatBytes(options.max)} ` +
        `(${options.max} bytes; WATCHFLOOR_INGEST_MAX_BODY_BYTES); stopped reading`,
    });
    this.name = "BodyTooLargeError";
  }
}

/**
 * Passes a request body through and throws BodyTooLargeError once more than
 * `max` bytes arrived. A body sent without Content-Length is only known to be
 * too large once it has been read this far.
 */
export async function* limitBodyBytes(
  source: AsyncIterable<Uint8Array>,
  options: { max: number; label: string },
): AsyncGenerator<Uint8Array> {
  let total = 0;
  const iterator = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await iterator.next();
      } catch (error) {
        throw new BodyCutOffError({ label: options.label, bytesRead: total, cause: error });
      }
      if (next.done) {
        return;
      }
      total += next.value.byteLength;
      if (total > options.max) {
        throw new BodyTooLargeError({ label: options.label, max: options.max, bytesRead: total });
      }
      yield next.value;
    }
  } finally {
    await iterator.return?.();
  }
}

/** Error for a request body whose connection failed or closed before its end. */
export class BodyCutOffError extends InputError {
  constructor(options: { label: string; bytesRead: number; cause: unknown }) {
    const detail = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super({
      code: "read-failed",
      label: options.label,
      bytesRead: options.bytesRead,
      message:
        `${options.label}: the request body was cut off after ${options.bytesRead} bytes because the connection ` +
        `failed or closed (${detail}). The records before the cut are stored; send the file again to store the rest`,
      cause: options.cause,
    });
    this.name = "BodyCutOffError";
  }
}

/** Reads a web ReadableStream (a fetch Request body) as an async iterable. */
export async function* iterateWebStream(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
