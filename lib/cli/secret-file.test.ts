import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { readOrCreateSecretFile, writeSecretFile } from "./secret-file";

const dir = mkdtempSync(join(tmpdir(), "watchfloor-secret-"));

describe("secret files", () => {
  it("creates a secret once with mode 600", () => {
    const path = join(dir, "nextauth-secret");
    const first = readOrCreateSecretFile(path);
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readOrCreateSecretFile(path)).toBe(first);
  });

  it("tightens an existing file", () => {
    const path = join(dir, "loose");
    writeFileSync(path, "kept-secret\n", { mode: 0o644 });
    expect(readOrCreateSecretFile(path)).toBe("kept-secret");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("replaces a written secret", () => {
    const path = join(dir, "demo-password");
    writeFileSync(path, "old", { mode: 0o666 });
    writeSecretFile(path, "new-password");
    expect(readFileSync(path, "utf8")).toBe("new-password\n");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});
