import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const SOURCE_DIRS = ["app", "components", "lib"];
const SOURCE_FILES = ["next.config.js", "package-lock.json", "tsconfig.json"];
const SKIPPED = new Set(["generated", "node_modules"]);

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name) || entry.name.startsWith(".")) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      yield* walk(path);
    } else if (entry.isFile()) {
      yield path;
    }
  }
}

/** Hashes the paths, sizes and modification times of everything `next build` reads. */
export function computeBuildFingerprint(root: string): string {
  const hash = createHash("sha256");
  const files = [
    ...SOURCE_DIRS.filter((dir) => existsSync(join(root, dir))).flatMap((dir) => [...walk(join(root, dir))]),
    ...SOURCE_FILES.map((file) => join(root, file)).filter((file) => existsSync(file)),
  ].sort();
  for (const file of files) {
    const stat = statSync(file);
    hash.update(`${file}\u0000${stat.size}\u0000${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export function readStoredFingerprint(root: string): string | null {
  const file = join(root, ".next", "watchfloor-build-fingerprint");
  return existsSync(file) && existsSync(join(root, ".next", "BUILD_ID")) ? readFileSync(file, "utf8") : null;
}
