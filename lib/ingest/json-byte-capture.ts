/**
 * Collects the bytes of a value that may span several chunks. Parts are views of
 * the chunks, not copies; a value inside one chunk costs no copy at all. Past the
 * limit the parts are dropped and only the length is counted, so an oversized
 * value never sits in memory while the caller is told about it.
 */
export class ByteCapture {
  active = false;
  overflow = false;
  private parts: Buffer[] = [];
  private length = 0;
  private start = 0;
  private limit = 0;

  begin(index: number, limit: number): void {
    this.active = true;
    this.overflow = false;
    this.parts = [];
    this.length = 0;
    this.start = index;
    this.limit = limit;
  }

  /** Called at the end of each chunk while active. */
  flush(buf: Buffer): void {
    if (!this.active) {
      return;
    }
    const size = buf.length - this.start;
    this.length += size;
    if (!this.overflow) {
      if (this.length > this.limit) {
        this.overflow = true;
        this.parts = [];
      } else if (size > 0) {
        this.parts.push(buf.subarray(this.start));
      }
    }
    this.start = 0;
  }

  size(end: number): number {
    return this.length + end - this.start;
  }

  finish(buf: Buffer, end: number): Buffer | null {
    this.active = false;
    if (this.overflow || this.size(end) > this.limit) {
      this.parts = [];
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

  cancel(): void {
    this.active = false;
    this.parts = [];
  }
}
