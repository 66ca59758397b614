import { describe, expect, it } from "vitest";

import { classifySourceAddress } from "./classify-source-address";

describe("classifySourceAddress", () => {
  it("keeps a service principal as a label", () => {
    expect(classifySourceAddress("support.amazonaws.com")).toEqual({
      sourceIp: null,
      sourceService: "support.amazonaws.com",
    });
  });

  it("accepts IPv4 and IPv6 addresses", () => {
    expect(classifySourceAddress("198.51.100.7")).toEqual({ sourceIp: "198.51.100.7", sourceService: null });
    expect(classifySourceAddress("2001:db8::10")).toEqual({ sourceIp: "2001:db8::10", sourceService: null });
    expect(classifySourceAddress("::ffff:203.0.113.9")).toEqual({ sourceIp: "::ffff:203.0.113.9", sourceService: null });
  });

  it("keeps AWS Internal as a label", () => {
    expect(classifySourceAddress("AWS Internal")).toEqual({ sourceIp: null, sourceService: "AWS Internal" });
  });

  it("gives nothing for an empty or missing value", () => {
    expect(classifySourceAddress("")).toEqual({ sourceIp: null, sourceService: null });
    expect(classifySourceAddress(undefined)).toEqual({ sourceIp: null, sourceService: null });
    expect(classifySourceAddress(42)).toEqual({ sourceIp: null, sourceService: null });
  });

  it("does not take an IPv4 with leading zeros for an address", () => {
    expect(classifySourceAddress("075.050.255.67")).toEqual({ sourceIp: null, sourceService: "075.050.255.67" });
  });

  it("does not take an IPv6 with a zone id for an address", () => {
    expect(classifySourceAddress("fe80::1%eth0")).toEqual({ sourceIp: null, sourceService: "fe80::1%eth0" });
  });
});
