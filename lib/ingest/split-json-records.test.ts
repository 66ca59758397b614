import { describe, expect, it } from "vitest";

import { DEFAULT_KEEP_ELEMENT_BYTES, OVERSIZE_KEPT_BYTES, type UnfinishedRecord } from "@/lib/ingest/json-record-splitter";
import {
  DEFAULT_MAX_ELEMENT_BYTES,
  JsonSplitError,
  splitJsonBuffer,
  splitJsonRecords,
  type JsonElement,
  type SplitOptions,
} from "@/lib/ingest/split-json-records";

import { chunksOf } from "@/lib/sources/cloudtrail/fixtures/records";

async function collect(
  chunks: Iterable<Buffer>,
  options?: SplitOptions,
): Promise<{ items: JsonElement[]; error: JsonSplitError | null; shape: unknown }> {
  const stream = splitJsonRecords(chunks, options);
  const items: JsonElement[] = [];
  try {
    for await (const item of stream) {
      items.push(item);
    }
    return { items, error: null, shape: stream.shape };
  } catch (error) {
    if (!(error instanceof JsonSplitError)) {
      throw error;
    }
    return { items, error, shape: stream.shape };
  }
}

const text = (items: JsonElement[]) => items.map((item) => item.bytes.toString("utf8"));
const paths = (items: JsonElement[]) => items.map((item) => item.path);
const one = (s: string) => [Buffer.from(s, "utf8")];

describe("splitJsonRecords shapes", () => {
  it("streams Records after other keys and keeps the other scalars", async () => {
    const doc = '{"version": "2", "meta": {"a": [1]}, "Records": [ {"eventID":"a"} ,\n {"eventID":"b"} ], "done": true}';
    const stream = splitJsonRecords(one(doc));
    const items: JsonElement[] = [];
    for await (const item of stream) {
      items.push(item);
    }
    expect(text(items)).toEqual(['{"eventID":"a"}', '{"eventID":"b"}']);
    expect(paths(items)).toEqual(["Records[0]", "Records[1]"]);
    expect(items.map((i) => i.container)).toEqual(["Records", "Records"]);
    expect(items[0].offset).toBe(doc.indexOf('{"eventID":"a"}'));
    expect(stream.shape).toMatchObject({
      container: "Records",
      documents: 1,
      keys: ["version", "meta", "Records", "done"],
      scalars: { version: "2", done: true },
      elements: 2,
    });
  });

  it("streams Findings of a GuardDuty get-findings output", async () => {
    const { items, shape } = await collect(one('{"Findings":[{"Id":"1"},{"Id":"2"}]}'));
    expect(paths(items)).toEqual(["Findings[0]", "Findings[1]"]);
    expect(shape).toMatchObject({ container: "Findings" });
  });

  it("streams the keys given as an option instead", async () => {
    const doc = '{"ServicesLastAccessed":[{"s":1},{"s":2}],"Records":[{"r":1}]}';
    const { items } = await collect(one(doc), { streamKeys: ["ServicesLastAccessed"] });
    expect(paths(items)).toEqual(["ServicesLastAccessed[0]", "ServicesLastAccessed[1]"]);
  });

  it("streams a bare array", async () => {
    const { items, shape } = await collect(one(' [ {"a":1}, [2], "x", -1.5e3, null ] \n'));
    expect(text(items)).toEqual(['{"a":1}', "[2]", '"x"', "-1.5e3", "null"]);
    expect(paths(items)).toEqual(["[0]", "[1]", "[2]", "[3]", "[4]"]);
    expect(shape).toMatchObject({ container: "array" });
  });

  it("yields each line of JSON Lines with its line number", async () => {
    const { items, shape } = await collect(one('{"a":1}\n{"b":2}\r\n\n{"c":3}\n'));
    expect(text(items)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(paths(items)).toEqual(["line 1", "line 2", "line 4"]);
    expect(items.map((i) => i.container)).toEqual(["lines", "lines", "lines"]);
    expect(shape).toMatchObject({ container: "lines", documents: 3 });
  });

  it("yields a single object once", async () => {
    const doc = '\n  {"detail-type":"AWS API Call via CloudTrail","detail":{"Records":1}}  \n';
    const { items, shape } = await collect(one(doc));
    expect(text(items)).toEqual([doc.trim()]);
    expect(items[0]).toMatchObject({ path: "$", container: "object", index: 0 });
    expect(shape).toMatchObject({ container: "object", keys: ["detail-type", "detail"] });
  });

  it("does not stream a Records key whose value is not an array", async () => {
    const { items } = await collect(one('{"Records":{"x":[1]}}'));
    expect(items).toHaveLength(1);
    expect(items[0].container).toBe("object");
  });

  it("streams concatenated delivery documents", async () => {
    const doc = '{"Records":[{"n":1}]}\n{"Records":[{"n":2},{"n":3}]}';
    const { items } = await collect(one(doc));
    expect(text(items)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
    expect(paths(items)).toEqual(["Records[0]", "line 2: Records[0]", "line 2: Records[1]"]);
    expect(items.map((i) => i.index)).toEqual([0, 1, 2]);
  });

  it("skips a UTF-8 byte order mark", async () => {
    const { items } = await collect([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x5b, 0x31, 0x5d])]);
    expect(text(items)).toEqual(["1"]);
  });

  it("yields nothing for an empty or blank input", async () => {
    expect((await collect(one(""))).items).toEqual([]);
    const blank = await collect(one(" \n\t "));
    expect(blank.items).toEqual([]);
    expect(blank.error).toBeNull();
  });
});

describe("splitJsonRecords bytes", () => {
  const tricky = [
    '{"s":"quote \\" brace } bracket ] backslash \\\\"}',
    '{"s":"ends with backslash \\\\","t":"\\\\\\""}',
    '{"é":"日本語 🔐 ünïcödé","n":{"deep":[[{"x":"]]}}"}]]}}',
    '{"empty":"","arr":[],"obj":{}}',
  ];
  const doc = `{"Records":[\n  ${tricky.join(",\n  ")}\n]}`;
  const body = Buffer.from(doc, "utf8");

  it("keeps the exact bytes of each element", async () => {
    const { items, error } = await collect([body]);
    expect(error).toBeNull();
    expect(text(items)).toEqual(tricky);
    for (const item of items) {
      expect(() => JSON.parse(item.bytes.toString("utf8"))).not.toThrow();
      expect(body.subarray(item.offset, item.offset + item.bytes.length).equals(item.bytes)).toBe(true);
    }
  });

  it("gives the same elements at every chunk boundary, multibyte characters included", async () => {
    for (let cut = 1; cut < body.length; cut++) {
      const { items, error } = await collect([body.subarray(0, cut), body.subarray(cut)]);
      expect(error, `cut at ${cut}`).toBeNull();
      expect(text(items), `cut at ${cut}`).toEqual(tricky);
    }
  });

  it("reads one byte at a time", async () => {
    const { items } = await collect(chunksOf(body, 1));
    expect(text(items)).toEqual(tricky);
    const lines = Buffer.from(tricky.join("\n"));
    expect(text((await collect(chunksOf(lines, 1))).items)).toEqual(tricky);
  });

  it("handles a deeply nested element", async () => {
    const depth = 100_000;
    const nested = `{"eventID":"deep","x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
    const { items, error } = await collect(chunksOf(Buffer.from(`[${nested},{"after":1}]`), 65_536));
    expect(error).toBeNull();
    expect(items).toHaveLength(2);
    expect(items[0].bytes.length).toBe(nested.length);
    expect(text(items)[1]).toBe('{"after":1}');
  });

  it("handles a huge string element", async () => {
    const huge = "x\\\"".repeat(4 * 1024 * 1024); // 12 MiB: x, backslash, quote
    const element = `{"s":"${huge}"}`;
    const input = Buffer.from(`{"Records":[${element},{"n":2}]}`);
    const { items, error } = await collect(chunksOf(input, 65_536), { keepElementBytes: DEFAULT_MAX_ELEMENT_BYTES });
    expect(error).toBeNull();
    expect(items[0].bytes.length).toBe(element.length);
    expect((JSON.parse(items[0].bytes.toString()) as { s: string }).s.length).toBe(8 * 1024 * 1024);
    expect(text(items)[1]).toBe('{"n":2}');
  });
});

describe("splitJsonRecords over the kept record size", () => {
  const element = `{"s":"${"y".repeat(DEFAULT_KEEP_ELEMENT_BYTES)}"}`;

  it("cuts an array element and reads on", async () => {
    const input = Buffer.from(`{"Records":[{"n":1},${element},{"n":3}]}`);
    const { items, error } = await collect(chunksOf(input, 65_536));
    expect(error).toBeNull();
    expect(items.map((item) => item.path)).toEqual(["Records[0]", "Records[1]", "Records[2]"]);
    expect(items[1]?.size).toBe(element.length);
    expect(items[1]?.bytes.equals(Buffer.from(element.slice(0, OVERSIZE_KEPT_BYTES)))).toBe(true);
    expect(items[1]?.offset).toBe(input.indexOf('{"s"'));
    expect(text(items)[2]).toBe('{"n":3}');
    expect(items[0]?.size).toBeUndefined();
  });

  it("cuts a JSON Lines line and reads on", async () => {
    const input = Buffer.from(`{"n":1}\n${element}\n{"n":3}\n`);
    const { items, error } = await collect(chunksOf(input, 65_536));
    expect(error).toBeNull();
    expect(items.map((item) => item.path)).toEqual(["line 1", "line 2", "line 3"]);
    expect(items[1]?.size).toBe(element.length);
    expect(items[1]?.bytes.equals(Buffer.from(element.slice(0, OVERSIZE_KEPT_BYTES)))).toBe(true);
    expect(text(items)[2]).toBe('{"n":3}');
  });

  it("keeps an element at the limit whole", async () => {
    const whole = `"${"z".repeat(DEFAULT_KEEP_ELEMENT_BYTES - 2)}"`;
    const { items, error } = await collect(chunksOf(Buffer.from(`[${whole},1]`), 65_536));
    expect(error).toBeNull();
    expect(items[0]?.bytes.length).toBe(DEFAULT_KEEP_ELEMENT_BYTES);
    expect(items[0]?.size).toBeUndefined();
  });
});

describe("splitJsonRecords errors", () => {
  it("reports a truncated document after yielding the complete records", async () => {
    const doc = '{"Records":[{"a":1},{"b":2},{"c":"cut';
    const { items, error } = await collect(chunksOf(Buffer.from(doc), 7));
    expect(text(items)).toEqual(['{"a":1}', '{"b":2}']);
    expect(error).toMatchObject({ code: "truncated", offset: doc.length, recordIndex: 2, path: "Records[2]" });
    expect(error?.message).toBe(
      `unexpected end of input while reading Records[2] (it started at byte 28) (byte offset ${doc.length}, record index 2)`,
    );
  });

  it("reports a truncated document between records", async () => {
    const { items, error } = await collect(one('[{"a":1},'));
    expect(items).toHaveLength(1);
    expect(error).toMatchObject({ code: "truncated", recordIndex: 1 });
  });

  it("reports invalid JSON between elements with its offset", async () => {
    const doc = '{"Records":[{"a":1} {"b":2}]}';
    const { items, error } = await collect(one(doc));
    expect(items).toHaveLength(1);
    expect(error).toMatchObject({ code: "syntax", offset: 20, recordIndex: 1 });
    expect(error?.message).toContain("expected ',' or ']' after Records[0], found '{'");
  });

  it("reports a trailing comma", async () => {
    const { error } = await collect(one('[{"a":1},]'));
    expect(error).toMatchObject({ code: "syntax", offset: 9, recordIndex: 1 });
  });

  it("reports trailing garbage after the document", async () => {
    const { items, error } = await collect(one('{"Records":[{"a":1}]}\n%%'));
    expect(items).toHaveLength(1);
    expect(error).toMatchObject({ code: "syntax", offset: 22, recordIndex: 1 });
    expect(error?.message).toContain("unexpected '%' after the end of the JSON document");
  });

  it("still yields a single object followed by garbage", async () => {
    const { items, error } = await collect(one('{"a":1} }'));
    expect(items.map((i) => i.container)).toEqual(["object"]);
    expect(error?.code).toBe("syntax");
  });

  it("stops at the first value that is not JSON", async () => {
    // A flow-log line starts with numbers, which are JSON values on their own.
    const { items, error } = await collect(one("2 123456789010 eni-1235b8ca ACCEPT OK"));
    expect(text(items)).toEqual(["2", "123456789010"]);
    expect(error).toMatchObject({ code: "syntax", offset: 15, recordIndex: 2 });
  });

  it("enforces the maximum element size", async () => {
    const big = `{"s":"${"y".repeat(5000)}"}`;
    const input = Buffer.from(`[{"small":1},${big},{"n":3}]`);
    const { items, error } = await collect(chunksOf(input, 1000), { maxElementBytes: 4096 });
    expect(text(items)).toEqual(['{"small":1}']);
    expect(error).toMatchObject({ code: "too-large", recordIndex: 1, path: "[1]" });
    expect(error?.message).toContain("[1] (starting at byte 13) is larger than the maximum record size");
    expect(error?.message).toContain("maximum record size of 4 KiB (4096 bytes)");
    expect(error?.offset).toBeLessThanOrEqual(5000);
  });

  it("enforces the maximum size on a single object", () => {
    const result = splitJsonBuffer(Buffer.from(`{"s":"${"y".repeat(200)}"}`), { maxElementBytes: 100 });
    expect(result.elements).toEqual([]);
    expect(result.error?.code).toBe("too-large");
  });
});

describe("splitJsonRecords JSON Lines with broken lines", () => {
  const lines = [
    '{"a":1}',
    '{"b":1',
    '{"c":"unterminated}',
    '{"d":1}}',
    "not json at all",
    '{"e":5}',
  ];
  const input = `${lines.join("\n")}\n`;

  function parses(bytes: Buffer): boolean {
    try {
      JSON.parse(bytes.toString("utf8"));
      return true;
    } catch {
      return false;
    }
  }

  it("yields every line, broken ones included", async () => {
    const { items, error, shape } = await collect(one(input));
    expect(error).toBeNull();
    expect(text(items)).toEqual(lines);
    expect(paths(items)).toEqual(["line 1", "line 2", "line 3", "line 4", "line 5", "line 6"]);
    expect(items.map((item) => item.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(shape).toMatchObject({ container: "lines", documents: 6, keys: ["a"], scalars: { a: 1 } });
  });

  it("leaves broken lines to JSON.parse", async () => {
    const { items } = await collect(one(input));
    expect(items.map((item) => parses(item.bytes))).toEqual([true, false, false, false, false, true]);
  });

  it("gives the same lines one byte at a time", async () => {
    const { items, error } = await collect(chunksOf(Buffer.from(input), 1));
    expect(error).toBeNull();
    expect(text(items)).toEqual(lines);
  });

  it("gives byte offsets of each line", async () => {
    const { items } = await collect(one(input));
    for (const item of items) {
      expect(input.slice(item.offset, item.offset + item.bytes.length)).toBe(item.bytes.toString("utf8"));
    }
  });

  it("keeps a last line without a newline", async () => {
    const { items } = await collect(one('{"a":1}\n{"b":2'));
    expect(text(items)).toEqual(['{"a":1}', '{"b":2']);
  });

  it("still streams one Records document per line", async () => {
    const { items, shape } = await collect(one('{"Records":[{"a":1},{"b":2}]}\n{"Records":[{"c":3}]}\n'));
    expect(text(items)).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
    expect(shape).toMatchObject({ container: "Records" });
  });

  it("stops at a broken first line", async () => {
    const { items, error } = await collect(one('{"a":1\n{"b":2}\n{"c":3}\n'));
    expect(items).toEqual([]);
    expect(error?.code).toBe("syntax");
  });

  it("enforces the maximum size on a line", async () => {
    const { items, error } = await collect(one(`{"a":1}\n{"s":"${"y".repeat(200)}"}\n{"c":3}\n`), { maxElementBytes: 100 });
    expect(text(items)).toEqual(['{"a":1}']);
    expect(error).toMatchObject({ code: "too-large", recordIndex: 1, path: "line 2" });
    expect(error?.message).toBe(
      "line 2 (starting at byte 8) is larger than the maximum record size of 100 bytes (100 bytes) (byte offset 108, record index 1)",
    );
  });
});

describe("splitJsonRecords input failures", () => {
  async function* failingSource(first: string): AsyncGenerator<Buffer> {
    yield Buffer.from(first);
    throw new Error("gzip data is truncated");
  }

  async function collectUntilFailure(
    first: string,
  ): Promise<{ items: JsonElement[]; failure: unknown; cut: UnfinishedRecord | null }> {
    const items: JsonElement[] = [];
    const stream = splitJsonRecords(failingSource(first));
    try {
      for await (const item of stream) {
        items.push(item);
      }
      return { items, failure: null, cut: stream.cutRecord };
    } catch (error) {
      return { items, failure: error, cut: stream.cutRecord };
    }
  }

  it("yields the records read before the input failed", async () => {
    const { items, failure } = await collectUntilFailure('{"Records":[{"a":1},{"b":2},{"c"');
    expect(text(items)).toEqual(['{"a":1}', '{"b":2}']);
    expect((failure as Error).message).toBe("gzip data is truncated");
  });

  it("yields the lines read before the input failed", async () => {
    const { items, failure } = await collectUntilFailure('{"a":1}\n{"b":2}\n{"c"');
    expect(text(items)).toEqual(['{"a":1}', '{"b":2}']);
    expect((failure as Error).message).toBe("gzip data is truncated");
  });

  it("yields a whole single object before the input failed", async () => {
    const { items, failure } = await collectUntilFailure('{"id":"f1","type":"Recon"}\n');
    expect(text(items)).toEqual(['{"id":"f1","type":"Recon"}']);
    expect(items[0]?.container).toBe("object");
    expect((failure as Error).message).toBe("gzip data is truncated");
  });

  it("yields no part of a single object cut short", async () => {
    const { items, failure } = await collectUntilFailure('{"id":"f1","type":');
    expect(items).toEqual([]);
    expect((failure as Error).message).toBe("gzip data is truncated");
  });

  it("keeps back a last line without its line break", async () => {
    const { items, cut } = await collectUntilFailure('{"a":1}\n{"b":2}');
    expect(text(items)).toEqual(['{"a":1}']);
    expect(cut).toEqual({ index: 1, path: "line 2", bytes: Buffer.from('{"b":2}') });
  });

  it.each([
    ["an array element", '{"Records":[{"a":1},{"b":2},{"c"', { index: 2, path: "Records[2]" }],
    ["a line", '{"a":1}\n{"b":2}\n{"c"', { index: 2, path: "line 3", bytes: Buffer.from('{"c"') }],
    ["a single object", '{"id":"f1","type":', { index: 0, path: "$" }],
  ])("names %s cut short", async (_case, first, cut) => {
    expect((await collectUntilFailure(first)).cut).toEqual(cut);
  });

  it.each([
    ["between array elements", '{"Records":[{"a":1},'],
    ["after the last line", '{"a":1}\n{"b":2}\n'],
    ["after a whole object", '{"id":"f1"}\n'],
    ["after the document", '{"Records":[{"a":1}]}'],
  ])("names no record cut %s", async (_case, first) => {
    expect((await collectUntilFailure(first)).cut).toBeNull();
  });
});
