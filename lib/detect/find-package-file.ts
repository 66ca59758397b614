import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/**
 * Finds a file of an installed package in node_modules above the working
 * folder. Inside a Next.js server bundle `require.resolve` of a computed name
 * throws, so the folder walk comes first and module resolution is the
 * fallback for other runs. `segments` are the package name parts and the
 * file's path inside the package.
 */
export function findPackageFile(segments: readonly string[]): string {
  const relative = join("node_modules", ...segments);
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    // The files are read at run time from node_modules, so the build's file
    // tracing has nothing to follow here (it would trace the whole project).
    const candidate = join(/* turbopackIgnore: true */ dir, relative);
    if (existsSync(/* turbopackIgnore: true */ candidate)) {
      return candidate;
    }
    if (dirname(dir) === dir) {
      return require.resolve(segments.join("/"));
    }
  }
}
