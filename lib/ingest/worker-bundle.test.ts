import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { compileWorkerModule } from "./worker-bundle";

/** Writes a project of two modules, in which `main.ts` exports twice the value of `helper.ts`. */
function writeProject(value: number): string {
  const root = mkdtempSync(join(tmpdir(), "watchfloor-bundle-"));
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, paths: { "@/*": ["./*"] } } }));
  writeFileSync(join(root, "helper.ts"), `export const value: number = ${value};\n`);
  writeFileSync(join(root, "main.ts"), `import { value } from "@/helper";\nexport const doubled: number = value * 2;\n`);
  return root;
}

async function load(url: URL | null): Promise<number> {
  expect(url).not.toBeNull();
  const module = (await import(`${url!.href}?t=${Date.now()}-${Math.random()}`)) as { doubled: number };
  return module.doubled;
}

describe("compileWorkerModule", () => {
  it("compiles a module graph with path aliases", async () => {
    const root = writeProject(21);
    const url = compileWorkerModule({ root, source: "main.ts", cacheDir: join(root, "cache") });
    expect(await load(url)).toBe(42);
  });

  it("reuses the module while its files are unchanged", () => {
    const root = writeProject(1);
    const cacheDir = join(root, "cache");
    const first = compileWorkerModule({ root, source: "main.ts", cacheDir });
    const builtAt = statSync(first!).mtimeMs;
    const second = compileWorkerModule({ root, source: "main.ts", cacheDir });
    expect(second?.href).toBe(first?.href);
    expect(statSync(second!).mtimeMs).toBe(builtAt);
  });

  it("compiles again when an imported file changes", async () => {
    const root = writeProject(1);
    const cacheDir = join(root, "cache");
    expect(await load(compileWorkerModule({ root, source: "main.ts", cacheDir }))).toBe(2);
    writeFileSync(join(root, "helper.ts"), "export const value: number = 50;\n");
    expect(await load(compileWorkerModule({ root, source: "main.ts", cacheDir }))).toBe(100);
  });

  it("returns null when the source does not compile", () => {
    const root = writeProject(1);
    writeFileSync(join(root, "main.ts"), "export const doubled = ;\n");
    expect(compileWorkerModule({ root, source: "main.ts", cacheDir: join(root, "cache") })).toBeNull();
  });
});
