import { describe, expect, it, vi } from "vitest";

import { cacheByAddress } from "./cache-by-address";

describe("cacheByAddress", () => {
  it("looks each address up once", () => {
    const lookup = vi.fn((address: string) => (address.startsWith("10.") ? null : "NL"));
    const cached = cacheByAddress(lookup);
    expect(cached("85.17.31.122")).toBe("NL");
    expect(cached("85.17.31.122")).toBe("NL");
    expect(cached("10.0.0.1")).toBeNull();
    expect(cached("10.0.0.1")).toBeNull();
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("empties itself when full", () => {
    const lookup = vi.fn((address: string) => address.length);
    const cached = cacheByAddress(lookup, 2);
    cached("192.0.2.1");
    cached("192.0.2.2");
    cached("192.0.2.3");
    cached("192.0.2.3");
    expect(lookup).toHaveBeenCalledTimes(3);
    cached("192.0.2.1");
    expect(lookup).toHaveBeenCalledTimes(4);
  });
});
