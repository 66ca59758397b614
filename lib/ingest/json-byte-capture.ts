/**
 * Collects the bytes of a value that may span several chunks. Parts are views of
 * the chunks, not copies; a value inside one chunk costs no copy at all. Past the
 * limit the parts are dropped, except the first `keepOnOverflow` bytes, and only
 * the length is counted, so an oversized value never sits in memory while the
 * caller reports it.
 */
export class ByteCapture {
  active = false;
  overflow = false;
  private parts: Buffer[] = [];
  private length = 0;
  private start = 0;
  private limit = 0;
  private keepOnOverflow = 0;

  begin(index: number, limit: number, keepOnOverflow = 0): void {
    this.active = true;
    this.overflow = false;
    this.parts = [];
    this.length = 0;
    this.start = index;
    this.limit = limit;
    this.keepOnOverflow = keepOnOverflow;
  }

  /** Called at the end of each chunk while active. */
  flush(buf: Buffer): void {
    if (!this.active) {
      return;
    }
    const size = buf.length - this.start;
    this.length += size;
    if (!this.overflow) {
      if (size > 0) {
        this.parts.push(buf.subarray(this.start));
      }
      if (this.length > this.limit) {
        this.overflow = true;
        this.parts = firstBytes(this.parts, this.keepOnOverflow);
      }
    }
    this.start = 0;
  }

  size(end: number): number {
    return this.length + end - this.start;
  }

  /** Returns the value's bytes, or null when it is larger than the limit. */
  finish(buf: Buffer, end: number): Buffer | null {
    this.active = false;
    if (this.overflow || this.size(end) > this.limit) {
      if (!this.overflow) {
        this.parts.push(buf.subarray(this.start, end));
        this.parts = firstBytes(this.parts, this.keepOnOverflow);
        this.overflow = true;
      }
      return null;
    }
    const tail = buf.subarray(this.start, end);
    if (this.parts.length === 0) {
      return tail;
    }
    this.parts.push(tail);
    const out = Buffer.concat(this.parts, this.length + tail.length);
    this.parts = [];
    return out;
  }

  /** After finish() returned null: a copy of the first `keepOnOverflow` bytes of the value. */
  takeKept(): Buffer {
    const prefix = Buffer.concat(this.parts);
    this.parts = [];
    return prefix;
  }

  cancel(): void {
    this.active = false;
    this.parts = [];
  }
}

/** Returns views of the first `count` bytes of `parts`. */
export function firstBytes(parts: Buffer[], count: number): Buffer[] {
  const views: Buffer[] = [];
  let left = count;
  for (const part of parts) {
    if (left === 0) {
      break;
    }
    const piece = part.length <= left ? part : part.subarray(0, left);
    views.push(piece);
    left -= piece.length;
  }
  return views;
}
