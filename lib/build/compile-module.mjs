// Compiles a TypeScript module graph into one JavaScript file with esbuild, so
// that Node loads it without tsx. tsx registers its hooks on a module-loader
// thread of its own: the CLI and each ingest worker thread then carry that
// thread and tsx's transforms in memory (figures in docs/benchmarks.md).
//
// Plain JavaScript, because bin/watchfloor.mjs calls it before anything can
// load TypeScript.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { buildSync } from "esbuild";

/**
 * Returns the folder of a project's compiled modules. It is inside
 * node_modules, so that the packages they import resolve from there as from
 * the sources.
 *
 * @param {string} root
 */
export function compiledModulesDir(root) {
  return join(root, "node_modules", ".cache", "watchfloor");
}

/**
 * Compiles `source` (relative to `root`, with `root`'s tsconfig.json) into
 * `cacheDir` unless the module there was built from the same files, and
 * returns its URL, or the error when it cannot be compiled or written (a
 * read-only install, a syntax error).
 *
 * Packages stay imports, so the module must sit where they resolve from
 * (under the project's node_modules). `import.meta.url` in a compiled module
 * is the compiled file's, which is why the sources find the project folder
 * with lib/project-root.ts.
 *
 * @param {{ root: string; source: string; cacheDir: string }} options
 * @returns {{ url: URL; error?: undefined } | { url?: undefined; error: unknown }}
 */
export function compileModule(options) {
  const { root, source, cacheDir } = options;
  const name = source.replace(/[^A-Za-z0-9]+/g, "-");
  const outfile = join(cacheDir, `${name}.mjs`);
  const inputsFile = join(cacheDir, `${name}.inputs.json`);
  try {
    if (isCurrent(inputsFile, root)) {
      return { url: pathToFileURL(outfile) };
    }
    mkdirSync(cacheDir, { recursive: true });
    // Written beside the final file and renamed, so that a process starting at
    // the same time never reads half a file.
    const partial = `${outfile}.${process.pid}.tmp`;
    const startedAt = Date.now();
    const result = buildSync({
      entryPoints: [join(root, source)],
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      tsconfig: join(root, "tsconfig.json"),
      absWorkingDir: root,
      outfile: partial,
      metafile: true,
      logLevel: "silent",
    });
    /** @type {Record<string, { size: number; mtimeMs: number }>} */
    const files = {};
    let changedDuringBuild = false;
    for (const input of Object.keys(result.metafile.inputs)) {
      const path = resolve(root, input);
      const info = statSync(path);
      files[path] = { size: info.size, mtimeMs: info.mtimeMs };
      changedDuringBuild ||= info.mtimeMs >= startedAt;
    }
    renameSync(partial, outfile);
    // A source saved while esbuild read it may be in the module half-old, so
    // the module is not recorded as current and the next run compiles again.
    if (changedDuringBuild) {
      rmSync(inputsFile, { force: true });
    } else {
      writeFileSync(inputsFile, JSON.stringify({ root, files }));
    }
    return { url: pathToFileURL(outfile) };
  } catch (error) {
    return { error };
  }
}

/**
 * Returns true when the compiled module was built in the same project folder
 * from files that are all unchanged (same size and modification time).
 *
 * @param {string} inputsFile
 * @param {string} root
 */
function isCurrent(inputsFile, root) {
  /** @type {{ root?: unknown; files?: Record<string, { size: number; mtimeMs: number }> }} */
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  } catch {
    return false;
  }
  // A copied or moved project keeps its cache, whose inputs name the old folder.
  if (inputs.root !== root || !inputs.files) {
    return false;
  }
  const entries = Object.entries(inputs.files);
  for (const [path, expected] of entries) {
    try {
      const info = statSync(path);
      if (info.size !== expected.size || info.mtimeMs !== expected.mtimeMs) {
        return false;
      }
    } catch {
      return false;
    }
  }
  return entries.length > 0;
}
