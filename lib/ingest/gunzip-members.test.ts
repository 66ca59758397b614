import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { GzipDataError, gunzipMembers } from "./gunzip-members";

/** Text that compresses about six to one, like log records. */
function sample(bytes: number): Buffer {
  const text = Buffer.alloc(bytes);
  for (let at = 0; at < bytes; at += 1) {
    text[at] = 0x41 + ((at * 7919) % 26);
  }
  return text;
}

async function* pieces(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; at += size) {
    yield body.subarray(at, at + size);
  }
}

/** Decompresses `body` fed in pieces of `size` bytes; returns the output and the error, if any. */
async function gunzip(body: Buffer, size = 64 * 1024): Promise<{ output: Buffer; error: GzipDataError | null }> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of gunzipMembers(pieces(body, size))) {
      parts.push(chunk);
    }
    return { output: Buffer.concat(parts), error: null };
  } catch (error) {
    return { output: Buffer.concat(parts), error: error as GzipDataError };
  }
}

const text = sample(500_000);
const gzip = gzipSync(text);

/** Builds a member with the optional FEXTRA, FNAME, FCOMMENT and FHCRC header fields. */
function memberWithOptionalFields(content: Buffer): Buffer {
  const plain = gzipSync(content);
  const flags = 0x02 | 0x04 | 0x08 | 0x10;
  const header = Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 3]);
  const extra = Buffer.from([3, 0, 0x61, 0x62, 0x63]);
  const headerCrc = Buffer.from([0x12, 0x34]);
  return Buffer.concat([header, extra, Buffer.from("delivery.json\0"), Buffer.from("a comment\0"), headerCrc, plain.subarray(10)]);
}

describe("gunzipMembers", () => {
  it.each([1, 7, 4096, 1024 * 1024])("decompresses in pieces of %i bytes", async (size) => {
    const { output, error } = await gunzip(gzip, size);
    expect(error).toBeNull();
    expect(output.equals(text)).toBe(true);
  });

  it("reads every member", async () => {
    const { output, error } = await gunzip(Buffer.concat([gzip, gzipSync(Buffer.alloc(0)), gzipSync("second")]), 333);
    expect(error).toBeNull();
    expect(output.equals(Buffer.concat([text, Buffer.from("second")]))).toBe(true);
  });

  it("skips optional header fields", async () => {
    const { output, error } = await gunzip(memberWithOptionalFields(text), 5);
    expect(error).toBeNull();
    expect(output.equals(text)).toBe(true);
  });

  it("ignores zero bytes after the last member", async () => {
    const { output, error } = await gunzip(Buffer.concat([gzip, Buffer.alloc(3000)]), 1000);
    expect(error).toBeNull();
    expect(output.length).toBe(text.length);
  });

  it("yields all output before a CRC mismatch", async () => {
    const corrupt = Buffer.from(gzip);
    corrupt[corrupt.length - 6] ^= 0xff;
    const { output, error } = await gunzip(corrupt);
    expect(output.equals(text)).toBe(true);
    expect(error?.code).toBe("Z_DATA_ERROR");
    expect(error?.message).toBe("incorrect data check in gzip member 1");
  });

  it("yields all output before a length mismatch", async () => {
    const corrupt = Buffer.from(gzip);
    corrupt[corrupt.length - 2] ^= 0xff;
    const { output, error } = await gunzip(corrupt);
    expect(output.equals(text)).toBe(true);
    expect(error?.message).toBe("incorrect length check in gzip member 1");
  });

  it("yields all output before trailing bytes", async () => {
    const { output, error } = await gunzip(Buffer.concat([gzip, Buffer.from("not gzip")]));
    expect(output.equals(text)).toBe(true);
    expect(error?.code).toBe("Z_DATA_ERROR");
    expect(error?.message).toBe("bytes after gzip member 1 are not gzip data");
  });

  it("reports a missing trailer as truncated", async () => {
    const { output, error } = await gunzip(gzip.subarray(0, gzip.length - 8));
    expect(output.equals(text)).toBe(true);
    expect(error?.code).toBe("Z_BUF_ERROR");
    expect(error?.message).toBe("gzip member 1 ends before its 8-byte trailer of CRC-32 and length, so its data could not be checked");
  });

  it("reports a trailer cut short", async () => {
    const { output, error } = await gunzip(gzip.subarray(0, gzip.length - 5));
    expect(output.equals(text)).toBe(true);
    expect(error?.code).toBe("Z_BUF_ERROR");
    expect(error?.message).toBe("gzip member 1 ends 3 bytes into its 8-byte trailer of CRC-32 and length, so its data could not be checked");
  });

  it("yields the prefix of a truncated member", async () => {
    const { output, error } = await gunzip(gzip.subarray(0, Math.floor(gzip.length / 2)));
    expect(error?.code).toBe("Z_BUF_ERROR");
    expect(output.length).toBeGreaterThan(0);
    expect(output.equals(text.subarray(0, output.length))).toBe(true);
  });

  it("rejects a method other than deflate", async () => {
    const other = Buffer.from(gzip);
    other[2] = 7;
    const { error } = await gunzip(other);
    expect(error?.message).toBe("unknown compression method");
  });

  it("rejects reserved header flags", async () => {
    const other = Buffer.from(gzip);
    other[3] = 0x20;
    const { error } = await gunzip(other);
    expect(error?.message).toBe("unknown header flags set");
  });
});
