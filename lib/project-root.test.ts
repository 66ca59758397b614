import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

import { describe, expect, it } from "vitest";

import { findProjectRoot, PROJECT_ROOT } from "./project-root";

describe("findProjectRoot", () => {
  it("is the repository folder from the sources", () => {
    expect(PROJECT_ROOT).toBe(resolve("."));
  });

  it("passes over package.json files of other packages and of none", () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-root-"));
    writeFileSync(join(root, "package.json"), JSON.stringify({ name: "watchfloor" }));
    const cache = join(root, "node_modules", ".cache", "watchfloor");
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(root, "node_modules", "package.json"), JSON.stringify({ type: "commonjs" }));
    writeFileSync(join(cache, "package.json"), "not json");
    expect(findProjectRoot(cache)).toBe(root);
  });

  it("names the folder it started from when no package.json is the project's", () => {
    const dir = mkdtempSync(join(tmpdir(), "watchfloor-root-none-"));
    expect(() => findProjectRoot(dir)).toThrow(`no package.json named "watchfloor" in ${dir} or a folder above it`);
  });
});
