import { describe, expect, it } from "vitest";

import { sanitizeText, toJsonbParameter } from "./sanitize-text";

describe("sanitizeText", () => {
  it("replaces NUL", () => {
    expect(sanitizeText("evil\u0000ua")).toBe("evil\uFFFDua");
  });

  it("replaces a lone low surrogate", () => {
    expect(sanitizeText("a\udc00b")).toBe("a\uFFFDb");
  });

  it("replaces a lone high surrogate", () => {
    expect(sanitizeText("a\ud800")).toBe("a\uFFFD");
  });

  it("keeps a surrogate pair", () => {
    expect(sanitizeText("key \u{1F511}")).toBe("key \u{1F511}");
  });
});

describe("toJsonbParameter", () => {
  it("sanitises nested strings", () => {
    expect(toJsonbParameter({ list: ["x\u0000"], nested: { v: "\udc00" } })).toBe('{"list":["x\uFFFD"],"nested":{"v":"\uFFFD"}}');
  });
});
