import { describe, expect, it } from "vitest";

import { printable } from "./ingest-command";

describe("printable", () => {
  it("escapes a line break in a file name", () => {
    expect(printable("x\nrejected fake.json")).toBe("x\\nrejected fake.json");
  });

  it("escapes terminal control sequences", () => {
    expect(printable("a\u001b[2Jb\rc\td\u009be")).toBe("a\\u001b[2Jb\\rc\\td\\u009be");
  });

  it("keeps other text as it is", () => {
    expect(printable("logs/Ünïcode fïle.json: record 3")).toBe("logs/Ünïcode fïle.json: record 3");
  });
});
