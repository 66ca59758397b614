import { describe, expect, it } from "vitest";

import { createFirstSeenCache } from "./check-novelty";

describe("createFirstSeenCache", () => {
  it("keeps every entry up to its limit", () => {
    const cache = createFirstSeenCache(8);
    for (let i = 0; i < 8; i += 1) {
      cache.set(`key${i}`, Promise.resolve(undefined));
    }
    expect(cache.size).toBe(8);
  });

  it("drops its oldest quarter past the limit", () => {
    const cache = createFirstSeenCache(8);
    for (let i = 0; i < 9; i += 1) {
      cache.set(`key${i}`, Promise.resolve(undefined));
    }
    expect([...cache.keys()]).toEqual(["key3", "key4", "key5", "key6", "key7", "key8"]);
  });

  it("stays bounded over many entries", () => {
    const cache = createFirstSeenCache(1_000);
    for (let i = 0; i < 100_000; i += 1) {
      cache.set(`key${i}`, Promise.resolve(undefined));
    }
    expect(cache.size).toBeLessThanOrEqual(1_000);
    expect(cache.has("key99999")).toBe(true);
    expect(cache.has("key0")).toBe(false);
  });
});
