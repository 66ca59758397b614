import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "watchfloor";

/**
 * Returns the nearest folder at or above `from` whose package.json is this
 * project's. It finds the project from the sources (`lib/...`), from modules
 * compiled into `node_modules/.cache/watchfloor/` and from the Next.js build,
 * whose `.next/package.json` names no package.
 */
export function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (packageName(join(dir, "package.json")) === PACKAGE_NAME) {
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`no package.json named "${PACKAGE_NAME}" in ${from} or a folder above it`);
    }
  }
}

function packageName(path: string): unknown {
  try {
    return (JSON.parse(readFileSync(path, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}

/** The project folder, which contains package.json, prisma/ and lib/. */
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
