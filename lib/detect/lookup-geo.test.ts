import { describe, expect, it } from "vitest";

import { isPublicAddress, lookupCountry } from "./lookup-geo";

describe("lookupCountry", () => {
  it("places a public IPv4 address", () => {
    expect(lookupCountry("85.17.31.122")).toBe("NL");
  });

  it("places a public IPv6 address", () => {
    expect(lookupCountry("2a00:1450:4001:80b::200e")).toBe("DE");
  });

  it.each([
    ["private range", "10.20.1.25"],
    ["documentation range", "198.51.100.7"],
    ["IPv6 documentation range", "2001:db8::10"],
    ["loopback", "127.0.0.1"],
    ["service name", "cloudformation.amazonaws.com"],
    ["AWS Internal label", "AWS Internal"],
  ])("returns null for a %s", (_case, address) => {
    expect(lookupCountry(address)).toBeNull();
  });

  it("returns null for a missing address", () => {
    expect(lookupCountry(null)).toBeNull();
  });
});

describe("isPublicAddress", () => {
  it("accepts a public address", () => {
    expect(isPublicAddress("64.124.16.37")).toBe(true);
  });

  it("rejects a carrier-grade NAT address", () => {
    expect(isPublicAddress("100.64.3.4")).toBe(false);
  });
});
