import { describe, expect, it } from "vitest";

import { inetBinary } from "./inet-binary";

describe("inetBinary", () => {
  it("encodes an IPv4 address", () => {
    expect([...(inetBinary("203.0.113.9") ?? [])]).toEqual([2, 32, 0, 4, 203, 0, 113, 9]);
  });

  it("expands a compressed IPv6 address", () => {
    const bytes = inetBinary("2001:db8::1");
    expect(bytes?.subarray(0, 4)).toEqual(Buffer.from([3, 128, 0, 16]));
    expect(bytes?.subarray(4).toString("hex")).toBe("20010db8000000000000000000000001");
  });

  it("reads an embedded IPv4 tail", () => {
    expect(inetBinary("::ffff:192.0.2.1")?.subarray(4).toString("hex")).toBe("00000000000000000000ffffc0000201");
  });

  it("encodes the unspecified address", () => {
    expect(inetBinary("::")?.subarray(4).toString("hex")).toBe("0".repeat(32));
  });

  it("rejects a zone id and labels", () => {
    expect(inetBinary("fe80::1%eth0")).toBeNull();
    expect(inetBinary("AWS Internal")).toBeNull();
    expect(inetBinary("075.050.255.67")).toBeNull();
  });
});
