import { OVERSIZE_KEPT_BYTES, type UnfinishedRecord } from "./json-record-splitter";

const LF = 0x0a;
const CR = 0x0d;

/**
 * Bytes of a line kept by default: one more than a rejection stores, so that
 * a line cut here is stored flagged as truncated. The rest of a longer line
 * is skipped up to its line break, so that a file without line breaks is not
 * held in memory (a flow log of 300 MB without one ran the CLI out of heap).
 */
export const MAX_TEXT_LINE_BYTES = OVERSIZE_KEPT_BYTES;

/**
 * Splits a byte stream into lines as `readline` does with `crlfDelay:
 * Infinity`: at `\n`, `\r\n` or a lone `\r`, with no empty line after a final
 * line break. Unlike readline, it keeps the line begun but not ended when the
 * stream fails, because the failure may have cut that line short and the
 * reader rejects it instead of dropping it. A line longer than `maxLineBytes`
 * is yielded cut to that length, which readers take as the sign of a line too
 * long to be a record.
 */
export class TextLineStream implements AsyncIterable<string> {
  private started = false;
  private cut: UnfinishedRecord | null = null;
  private readonly maxLineBytes: number;

  constructor(
    private readonly source: AsyncIterable<Buffer | Uint8Array>,
    options: { maxLineBytes?: number } = {},
  ) {
    this.maxLineBytes = options.maxLineBytes ?? MAX_TEXT_LINE_BYTES;
  }

  /**
   * The line without its line break when the stream failed, with its
   * zero-based index, its name (`line N`) and its bytes. It is null when the
   * stream failed after a line break or has not failed.
   */
  get cutLine(): UnfinishedRecord | null {
    return this.cut;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<string, void, undefined> {
    if (this.started) {
      throw new Error("a TextLineStream can be iterated only once");
    }
    this.started = true;
    // The bytes after the last line break, in the chunks they came in, so that
    // a long line is joined once instead of once per chunk.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // True while the rest of a line longer than maxLineBytes is skipped.
    let skipping = false;
    // True when a skipped line ended in a CR at the end of a chunk, whose LF may start the next.
    let endedInCr = false;
    let count = 0;
    try {
      for await (const chunk of this.source) {
        let bytes = toBuffer(chunk);
        if (endedInCr && bytes[0] === LF) {
          bytes = bytes.subarray(1);
        }
        endedInCr = false;
        if (skipping) {
          const lineBreak = firstLineBreak(bytes);
          if (lineBreak === -1) {
            continue;
          }
          count += 1;
          yield Buffer.concat(pending).toString("utf8");
          pending = [];
          pendingBytes = 0;
          skipping = false;
          endedInCr = bytes[lineBreak] === CR && lineBreak === bytes.length - 1;
          bytes = bytes.subarray(bytes[lineBreak] === CR && bytes[lineBreak + 1] === LF ? lineBreak + 2 : lineBreak + 1);
        }
        if (bytes.indexOf(LF) === -1 && bytes.indexOf(CR) === -1 && lastByte(pending) !== CR) {
          const room = this.maxLineBytes - pendingBytes;
          pending.push(bytes.length > room ? bytes.subarray(0, room) : bytes);
          pendingBytes += Math.min(bytes.length, room);
          skipping = bytes.length > room;
          continue;
        }
        const { lines, rest } = completeLines(pending.length === 0 ? bytes : Buffer.concat([...pending, bytes]), this.maxLineBytes);
        for (const line of lines) {
          count += 1;
          yield line;
        }
        pending = rest.length === 0 ? [] : [rest.subarray(0, this.maxLineBytes)];
        pendingBytes = pending[0]?.length ?? 0;
        skipping = rest.length > this.maxLineBytes;
      }
    } catch (error) {
      const rest = Buffer.concat(pending);
      if (rest.at(-1) === CR) {
        yield rest.toString("utf8", 0, rest.length - 1);
      } else if (rest.toString("utf8").trim() !== "") {
        this.cut = { index: count, path: `line ${count + 1}`, bytes: rest };
      }
      throw error;
    }
    const rest = Buffer.concat(pending);
    if (rest.length > 0) {
      yield rest.toString("utf8", 0, rest.at(-1) === CR ? rest.length - 1 : rest.length);
    }
  }
}

/** Returns the index of the first `\n` or `\r` in `bytes`, or -1. */
function firstLineBreak(bytes: Buffer): number {
  const lf = bytes.indexOf(LF);
  const cr = bytes.indexOf(CR);
  if (lf === -1 || cr === -1) {
    return Math.max(lf, cr);
  }
  return Math.min(lf, cr);
}

function lastByte(parts: Buffer[]): number | undefined {
  return parts.at(-1)?.at(-1);
}

/**
 * Returns the lines of `bytes` that end in a line break, and the bytes after
 * the last one. A final `\r` stays in `rest`, since it may be the first half
 * of `\r\n`. UTF-8 never uses the bytes of `\r` and `\n` inside a character,
 * so cutting at them before decoding splits no character.
 */
function completeLines(bytes: Buffer, maxLineBytes: number): { lines: string[]; rest: Buffer } {
  const lines: string[] = [];
  let start = 0;
  let lf = bytes.indexOf(LF, start);
  let cr = bytes.indexOf(CR, start);
  while (lf !== -1 || cr !== -1) {
    const atCr = cr !== -1 && (lf === -1 || cr < lf);
    const end = atCr ? cr : lf;
    if (atCr && cr === bytes.length - 1) {
      break;
    }
    lines.push(bytes.toString("utf8", start, Math.min(end, start + maxLineBytes)));
    start = atCr && bytes[cr + 1] === LF ? cr + 2 : end + 1;
    if (lf !== -1 && lf < start) {
      lf = bytes.indexOf(LF, start);
    }
    if (cr !== -1 && cr < start) {
      cr = bytes.indexOf(CR, start);
    }
  }
  return { lines, rest: bytes.subarray(start) };
}

function toBuffer(chunk: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
