import { describe, expect, it } from "vitest";

import { bracketDepthExceeds, checkRecordBytes, checkRecordValue, MAX_RECORD_BYTES, MAX_RECORD_DEPTH } from "./check-record-limits";

function nested(levels: number): string {
  return `{"eventID":"e","requestParameters":${'{"a":'.repeat(levels)}1${"}".repeat(levels)}}`;
}

describe("checkRecordBytes", () => {
  it("accepts valid UTF-8", () => {
    expect(checkRecordBytes(Buffer.from('{"userAgent":"café ☕"}'), "Records[0]")).toBeNull();
  });

  it("names the field with invalid UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from('{"eventID":"e","userAgent":"ab'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const violation = checkRecordBytes(bytes, "Records[4]");
    expect(violation?.field).toBe("Records[4].userAgent");
    expect(violation?.reason).toBe(`Records[4].userAgent: invalid UTF-8 at byte ${bytes.indexOf(0xc3)} of the record`);
  });

  it("names a key with invalid UTF-8", () => {
    const bytes = Buffer.concat([Buffer.from('{"k'), Buffer.from([0xff]), Buffer.from('":1}')]);
    expect(checkRecordBytes(bytes, "[0]")?.field).toBe("[0].k\uFFFD");
  });
});

describe("checkRecordValue", () => {
  it("accepts nesting up to the limit", () => {
    const text = nested(MAX_RECORD_DEPTH - 1);
    expect(checkRecordValue(JSON.parse(text), Buffer.from(text), "Records[0]")).toBeNull();
  });

  it("rejects 10,000 levels of nesting", () => {
    const text = nested(10_000);
    const violation = checkRecordValue(JSON.parse(text), Buffer.from(text), "Records[2]");
    expect(violation?.field).toBe("Records[2].requestParameters.a…");
    expect(violation?.reason).toBe(
      `Records[2].requestParameters.a…: nested deeper than ${MAX_RECORD_DEPTH} levels of objects and arrays`,
    );
  });

  it("names the largest field of a huge record", () => {
    const value = { eventID: "e", userAgent: "x".repeat(2 * MAX_RECORD_BYTES), eventName: "GetObject" };
    const bytes = Buffer.from(JSON.stringify(value));
    const violation = checkRecordValue(value, bytes, "Records[1]");
    expect(violation?.field).toBe("Records[1].userAgent");
    expect(violation?.reason).toBe(
      `Records[1]: record is ${bytes.length} bytes, more than the limit of 1 MiB; ` +
        "its largest field is Records[1].userAgent (2 MiB of text)",
    );
  });
});

describe("checkRecordBytes before parsing", () => {
  it("rejects a long line of brackets unparsed", () => {
    const bytes = Buffer.from(`${"[".repeat(200_000)}1${"]".repeat(200_000)}`);
    expect(checkRecordBytes(bytes, "line 2")).toEqual({
      field: "line 2",
      reason: `line 2: nested deeper than ${MAX_RECORD_DEPTH} levels of objects and arrays`,
    });
  });

  it("rejects a huge record unparsed", () => {
    const bytes = Buffer.from(`{"eventID":"e","x":"${"a".repeat(8 * MAX_RECORD_BYTES)}"}`);
    expect(checkRecordBytes(bytes, "Records[0]")?.reason).toBe(
      `Records[0]: record is ${bytes.length} bytes, more than the limit of 1 MiB`,
    );
  });

  it("ignores brackets inside strings", () => {
    const bytes = Buffer.from(JSON.stringify({ eventID: "e", policy: "[{".repeat(40_000), note: 'a \\" [' }));
    expect(bracketDepthExceeds(bytes, MAX_RECORD_DEPTH)).toBe(false);
    expect(checkRecordBytes(bytes, "Records[0]")).toBeNull();
  });
});
