import { describe, expect, it } from "vitest";

import { isIsoTimestamp, parseIsoTimestamp } from "./iso-timestamp";

describe("parseIsoTimestamp", () => {
  it("keeps years before 100", () => {
    expect(parseIsoTimestamp("0024-05-01T12:00:00Z").toISOString()).toBe("0024-05-01T12:00:00.000Z");
    expect(parseIsoTimestamp("0099-12-31T23:59:59Z").getUTCFullYear()).toBe(99);
  });

  it("reads an ordinary CloudTrail time", () => {
    expect(parseIsoTimestamp("2024-03-05T12:00:05Z").toISOString()).toBe("2024-03-05T12:00:05.000Z");
  });

  it("applies an offset", () => {
    expect(parseIsoTimestamp("2024-03-05T14:00:05+02:00").toISOString()).toBe("2024-03-05T12:00:05.000Z");
  });
});

describe("isIsoTimestamp", () => {
  it("accepts 29 February of a leap year", () => {
    expect(isIsoTimestamp("2024-02-29T00:00:00Z")).toBe(true);
  });

  it("rejects days a month lacks", () => {
    expect(isIsoTimestamp("2023-02-29T00:00:00Z")).toBe(false);
    expect(isIsoTimestamp("2024-02-30T00:00:00Z")).toBe(false);
    expect(isIsoTimestamp("0023-02-29T00:00:00Z")).toBe(false);
  });
});
