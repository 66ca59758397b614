import { describe, expect, it } from "vitest";

import { escapeUnsafeNameCharacters, UNSAFE_NAME_CHARACTERS } from "./name-characters";

describe("escapeUnsafeNameCharacters", () => {
  it("writes control and bidirectional characters as escapes", () => {
    expect(escapeUnsafeNameCharacters("tab\tname.json")).toBe("tab\\u0009name.json");
    expect(escapeUnsafeNameCharacters("\u202egnp.json")).toBe("\\u202egnp.json");
    expect(escapeUnsafeNameCharacters("line\nbreak\u007f")).toBe("line\\u000abreak\\u007f");
  });

  it("keeps other names as they are", () => {
    expect(escapeUnsafeNameCharacters("AWSLogs/111122223333/Ünïcode é.json.gz")).toBe("AWSLogs/111122223333/Ünïcode é.json.gz");
  });

  it("matches what it escapes", () => {
    expect(UNSAFE_NAME_CHARACTERS.test("a\u2066b")).toBe(true);
    expect(UNSAFE_NAME_CHARACTERS.test("plain-name.json")).toBe(false);
  });
});
