import { describe, expect, it } from "vitest";

import { showRawText } from "./show-raw-text";

describe("showRawText", () => {
  it("shows control characters as symbols", () => {
    const shown = showRawText(Buffer.from('{"a":"x\u001b[31my\u0000"}\n'), 100);
    expect(shown.text).toBe('{"a":"x\u241b[31my\u2400"}\n');
    expect(shown.validUtf8).toBe(true);
  });

  it("marks invalid UTF-8 with replacement characters", () => {
    const shown = showRawText(Buffer.from([0x61, 0xc3, 0x28, 0x62]), 100);
    expect(shown.text).toBe("a\uFFFD(b");
    expect(shown.validUtf8).toBe(false);
  });

  it("cuts at the limit without splitting a character", () => {
    const bytes = Buffer.from("ab€cd");
    const shown = showRawText(bytes, 4);
    expect(shown.text).toBe("ab");
    expect(shown.shownBytes).toBe(4);
    expect(shown.byteLength).toBe(bytes.length);
  });

  it("keeps markup as plain text", () => {
    expect(showRawText(Buffer.from("<script>alert(1)</script>"), 100).text).toBe("<script>alert(1)</script>");
  });
});
