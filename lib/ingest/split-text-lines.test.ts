import { createInterface } from "node:readline";
import { Readable } from "node:stream";

import { describe, expect, it } from "vitest";

import { TextLineStream } from "./split-text-lines";

async function linesOf(stream: AsyncIterable<string>): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of stream) {
    lines.push(line);
  }
  return lines;
}

/** Splits `text` into chunks of `size` bytes, so that line breaks and characters fall across chunks. */
function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text, "utf8");
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) {
    parts.push(bytes.subarray(at, at + size));
  }
  return parts;
}

async function* failingAfter(parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
  throw new Error("gzip data is truncated");
}

async function readUntilFailure(text: string): Promise<{ lines: string[]; stream: TextLineStream; failure: unknown }> {
  const stream = new TextLineStream(failingAfter(chunks(text, 3)));
  const lines: string[] = [];
  try {
    for await (const line of stream) {
      lines.push(line);
    }
  } catch (failure) {
    return { lines, stream, failure };
  }
  return { lines, stream, failure: null };
}

describe("TextLineStream", () => {
  it.each([
    ["LF", "a b\nc d\n"],
    ["CRLF", "a b\r\nc d\r\n"],
    ["a lone CR", "a b\rc d\n"],
    ["no final line break", "a b\nc d"],
    ["blank lines", "\n\na\n\n"],
    ["a final CR", "a\r"],
    ["multi-byte characters", "é€𝄞\nü\n"],
    ["nothing", ""],
  ])("splits %s as readline does", async (_case, text) => {
    for (const size of [1, 2, 3, 1024]) {
      const expected = await linesOf(createInterface({ input: Readable.from(chunks(text, size)), crlfDelay: Infinity }));
      expect(await linesOf(new TextLineStream(Readable.from(chunks(text, size))))).toEqual(expected);
    }
  });

  it("keeps a last line without its line break when the input fails", async () => {
    const { lines, stream, failure } = await readUntilFailure("a b\nc d\ne f");
    expect(lines).toEqual(["a b", "c d"]);
    expect((failure as Error).message).toBe("gzip data is truncated");
    expect(stream.cutLine).toEqual({ index: 2, path: "line 3", bytes: Buffer.from("e f") });
  });

  it("names no line cut after a final line break", async () => {
    const { lines, stream } = await readUntilFailure("a b\nc d\n");
    expect(lines).toEqual(["a b", "c d"]);
    expect(stream.cutLine).toBeNull();
  });

  it("yields a line ended by a final CR before the failure", async () => {
    const { lines, stream } = await readUntilFailure("a b\nc d\r");
    expect(lines).toEqual(["a b", "c d"]);
    expect(stream.cutLine).toBeNull();
  });

  it("names no line cut after blanks", async () => {
    const { stream } = await readUntilFailure("a b\n  \t");
    expect(stream.cutLine).toBeNull();
  });

  it("keeps the exact bytes of a line cut inside a character", async () => {
    const bytes = Buffer.from("a\nbé", "utf8").subarray(0, -1);
    const stream = new TextLineStream(failingAfter([bytes]));
    await expect(linesOf(stream)).rejects.toThrow("gzip data is truncated");
    expect(stream.cutLine?.bytes).toEqual(Buffer.from([0x62, 0xc3]));
  });

  it("cuts a line longer than the limit and skips the rest", async () => {
    const long = "x".repeat(50);
    for (const size of [1, 7, 64]) {
      const stream = new TextLineStream(Readable.from(chunks(`first\n${long}\r\nlast\nend`, size)), { maxLineBytes: 10 });
      expect(await linesOf(stream)).toEqual(["first", "x".repeat(10), "last", "end"]);
    }
  });

  it("cuts a last line without a line break", async () => {
    const stream = new TextLineStream(Readable.from(chunks(`first\n${"y".repeat(40)}`, 6)), { maxLineBytes: 8 });
    expect(await linesOf(stream)).toEqual(["first", "y".repeat(8)]);
  });
});
