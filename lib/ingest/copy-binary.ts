/**
 * Writer for PostgreSQL's binary COPY format (PostgreSQL manual, "COPY",
 * section "Binary Format"). A header comes first. Each row is a 16-bit field
 * count, then per field a 32-bit length (-1 for NULL) and the value in the
 * type's binary send format. A 16-bit -1 ends the data. Binary rows skip the
 * text escaping on the client and the text parsing on the server, and a
 * bytea value travels as its bytes instead of twice as many hex digits.
 */
import { inetBinary } from "./inet-binary";

export const BINARY_COPY_HEADER = Buffer.concat([
  Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"),
  Buffer.alloc(8), // flags, then the header extension length
]);
export const BINARY_COPY_TRAILER = Buffer.from([0xff, 0xff]);

/** Milliseconds between the Unix epoch and PostgreSQL's, 2000-01-01 UTC. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const TWO_TO_32 = 2 ** 32;

export class BinaryCopyWriter {
  private buffer: Buffer;
  private length = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) {
      return;
    }
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  private null(): void {
    this.reserve(4);
    this.length = this.buffer.writeInt32BE(-1, this.length);
  }

  row(fields: number): void {
    this.reserve(2);
    this.length = this.buffer.writeInt16BE(fields, this.length);
  }

  /** Writes a text value. NUL, which PostgreSQL text cannot contain, becomes U+FFFD. */
  text(value: string | null): void {
    if (value === null) {
      this.null();
      return;
    }
    const clean = value.includes("\u0000") ? value.replaceAll("\u0000", "\uFFFD") : value;
    const bytes = Buffer.byteLength(clean, "utf8");
    this.reserve(4 + bytes);
    this.buffer.writeInt32BE(bytes, this.length);
    this.length += 4 + this.buffer.write(clean, this.length + 4, "utf8");
  }

  bytes(value: Buffer | null): void {
    if (value === null) {
      this.null();
      return;
    }
    this.reserve(4 + value.length);
    this.buffer.writeInt32BE(value.length, this.length);
    this.length += 4 + value.copy(this.buffer, this.length + 4);
  }

  boolean(value: boolean | null): void {
    if (value === null) {
      this.null();
      return;
    }
    this.reserve(5);
    this.buffer.writeInt32BE(1, this.length);
    this.length = this.buffer.writeUInt8(value ? 1 : 0, this.length + 4);
  }

  int2(value: number): void {
    this.reserve(6);
    this.buffer.writeInt32BE(2, this.length);
    this.length = this.buffer.writeInt16BE(value, this.length + 4);
  }

  int4(value: number): void {
    this.reserve(8);
    this.buffer.writeInt32BE(4, this.length);
    this.length = this.buffer.writeInt32BE(value, this.length + 4);
  }

  /** Writes a `timestamptz` as microseconds since 2000-01-01 UTC. */
  timestamp(value: Date): void {
    this.reserve(12);
    this.buffer.writeInt32BE(8, this.length);
    // Below 2^53 for any year up to about 287,000, so a double is exact.
    const micros = (value.getTime() - POSTGRES_EPOCH_MS) * 1000;
    if (!Number.isFinite(micros)) {
      throw new Error("invalid date in a binary COPY row");
    }
    const high = Math.floor(micros / TWO_TO_32);
    this.buffer.writeInt32BE(high, this.length + 4);
    this.length = this.buffer.writeUInt32BE(micros - high * TWO_TO_32, this.length + 8);
  }

  /** Writes a `uuid` given in its text form, with or without hyphens. */
  uuid(value: string | null): void {
    if (value === null) {
      this.null();
      return;
    }
    const hex = value.replaceAll("-", "");
    if (!/^[0-9a-fA-F]{32}$/.test(hex)) {
      throw new Error(`invalid uuid "${value}" in a binary COPY row`);
    }
    this.reserve(20);
    this.buffer.writeInt32BE(16, this.length);
    this.length += 4 + this.buffer.write(hex, this.length + 4, "hex");
  }

  /** Writes an `inet` from an IPv4 or IPv6 address. */
  inet(value: string | null): void {
    const encoded = value === null ? null : inetBinary(value);
    if (value !== null && encoded === null) {
      throw new Error(`invalid inet address "${value}" in a binary COPY row`);
    }
    this.bytes(encoded);
  }

  /** Returns the rows written so far (no header or trailer) and starts the writer empty again. */
  take(): Buffer {
    const out = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(0);
    this.length = 0;
    return out;
  }
}
