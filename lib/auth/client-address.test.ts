import { describe, expect, it } from "vitest";

import { readClientAddress } from "./client-address";

describe("readClientAddress", () => {
  it("takes the last forwarded address", () => {
    expect(readClientAddress(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }))).toBe("10.0.0.2");
  });

  it("unwraps an IPv4-mapped address", () => {
    expect(readClientAddress({ "x-forwarded-for": "::ffff:127.0.0.1" })).toBe("127.0.0.1");
  });

  it("keeps an IPv6 address", () => {
    expect(readClientAddress({ "x-forwarded-for": "2001:db8::1" })).toBe("2001:db8::1");
  });

  it("returns null without headers", () => {
    expect(readClientAddress(new Headers())).toBeNull();
    expect(readClientAddress({ "x-forwarded-for": " " })).toBeNull();
  });
});
