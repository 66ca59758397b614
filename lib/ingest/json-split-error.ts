/** Why a JSON document could not be split into records. */
export type JsonSplitErrorCode = "syntax" | "truncated" | "too-large";

/**
 * Structural error found while splitting a JSON document. Elements read before it
 * have already been handed out; the caller decides whether to keep them.
 */
export class JsonSplitError extends Error {
  readonly code: JsonSplitErrorCode;
  /** Byte offset in the (decompressed) input where the problem was seen. */
  readonly offset: number;
  /** Index of the record that was being read, or that would have come next. */
  readonly recordIndex: number;
  /** Path of the record being read, when one was open, e.g. `Records[7]`. */
  readonly path: string | null;

  constructor(options: {
    code: JsonSplitErrorCode;
    offset: number;
    recordIndex: number;
    path: string | null;
    message: string;
  }) {
    super(options.message);
    this.name = "JsonSplitError";
    this.code = options.code;
    this.offset = options.offset;
    this.recordIndex = options.recordIndex;
    this.path = options.path;
  }
}

/** True for a byte that can start a JSON number, true, false or null. */
export function isScalarStart(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x74 || c === 0x66 || c === 0x6e
  );
}

export function describeByte(c: number): string {
  if (c >= 0x21 && c <= 0x7e) {
    return `'${String.fromCharCode(c)}'`;
  }
  return `byte 0x${c.toString(16).padStart(2, "0")}`;
}
