import { describe, expect, it } from "vitest";

import { escapeControlCharacters } from "./upload-files";

describe("escapeControlCharacters", () => {
  it("writes control and bidirectional characters as escapes", () => {
    expect(escapeControlCharacters("tab\tname.json")).toBe("tab\\u0009name.json");
    expect(escapeControlCharacters("\u202egnp.json")).toBe("\\u202egnp.json");
    expect(escapeControlCharacters("line\nbreak\u007f")).toBe("line\\u000abreak\\u007f");
  });

  it("keeps other names as they are", () => {
    expect(escapeControlCharacters("AWSLogs/111122223333/Ünïcode é.json.gz")).toBe("AWSLogs/111122223333/Ünïcode é.json.gz");
  });
});
