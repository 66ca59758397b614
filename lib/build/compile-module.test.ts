import { cpSync, existsSync, mkdtempSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { compileModule } from "./compile-module.mjs";

/** Writes a project of two modules, in which `main.ts` exports twice the value of `helper.ts`. */
function writeProject(value: number): string {
  const root = mkdtempSync(join(tmpdir(), "watchfloor-bundle-"));
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, paths: { "@/*": ["./*"] } } }));
  writeFileSync(join(root, "helper.ts"), `export const value: number = ${value};\n`);
  writeFileSync(join(root, "main.ts"), `import { value } from "@/helper";\nexport const doubled: number = value * 2;\n`);
  return root;
}

async function load(url: URL | undefined): Promise<number> {
  expect(url).toBeDefined();
  const module = (await import(`${url!.href}?t=${Date.now()}-${Math.random()}`)) as { doubled: number };
  return module.doubled;
}

describe("compileModule", () => {
  it("compiles a module graph with path aliases", async () => {
    const root = writeProject(21);
    const { url } = compileModule({ root, source: "main.ts", cacheDir: join(root, "cache") });
    expect(await load(url)).toBe(42);
  });

  it("reuses the module while its files are unchanged", () => {
    const root = writeProject(1);
    const cacheDir = join(root, "cache");
    const first = compileModule({ root, source: "main.ts", cacheDir }).url;
    const builtAt = statSync(first!).mtimeMs;
    const second = compileModule({ root, source: "main.ts", cacheDir }).url;
    expect(second?.href).toBe(first?.href);
    expect(statSync(second!).mtimeMs).toBe(builtAt);
  });

  it("compiles again when an imported file changes", async () => {
    const root = writeProject(1);
    const cacheDir = join(root, "cache");
    expect(await load(compileModule({ root, source: "main.ts", cacheDir }).url)).toBe(2);
    writeFileSync(join(root, "helper.ts"), "export const value: number = 50;\n");
    expect(await load(compileModule({ root, source: "main.ts", cacheDir }).url)).toBe(100);
  });

  it("compiles again in a copy of the project, whose cache names the old folder", () => {
    const root = writeProject(3);
    const first = compileModule({ root, source: "main.ts", cacheDir: join(root, "cache") }).url;
    const copy = mkdtempSync(join(tmpdir(), "watchfloor-bundle-copy-"));
    cpSync(root, copy, { recursive: true });
    const builtAt = statSync(join(copy, "cache", "main-ts.mjs")).mtimeMs;
    const second = compileModule({ root: copy, source: "main.ts", cacheDir: join(copy, "cache") }).url;
    expect(second?.pathname).toBe(join(copy, "cache", "main-ts.mjs"));
    expect(second?.pathname).not.toBe(first?.pathname);
    expect(statSync(second!).mtimeMs).toBeGreaterThan(builtAt);
  });

  it("returns the error when the source does not compile", () => {
    const root = writeProject(1);
    writeFileSync(join(root, "main.ts"), "export const doubled = ;\n");
    const result = compileModule({ root, source: "main.ts", cacheDir: join(root, "cache") });
    expect(result.url).toBeUndefined();
    expect(String(result.error)).toMatch(/main\.ts.*Unexpected ";"/s);
  });

  it("compiles again after a source changed during the build", async () => {
    const root = writeProject(4);
    const cacheDir = join(root, "cache");
    // A modification time after the build started, as an editor saving while esbuild reads.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "helper.ts"), later, later);
    expect(await load(compileModule({ root, source: "main.ts", cacheDir }).url)).toBe(8);
    expect(existsSync(join(cacheDir, "main-ts.inputs.json"))).toBe(false);
    writeFileSync(join(root, "helper.ts"), "export const value: number = 5;\n");
    expect(await load(compileModule({ root, source: "main.ts", cacheDir }).url)).toBe(10);
  });
});
