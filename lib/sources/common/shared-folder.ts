import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

import { PROJECT_ROOT } from "@/lib/project-root";

/**
 * The project's `shared/` folder (samples and failure cases), which sits beside the
 * repository on developer machines and in CI. WATCHFLOOR_SHARED_DIR names it for a
 * checkout that sits elsewhere, such as a git worktree. Tests over it skip when it
 * is absent.
 */
export const SHARED_DIR =
  process.env.WATCHFLOOR_SHARED_DIR ?? join(dirname(PROJECT_ROOT), "shared");

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

export function sharedExists(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
}

/**
 * Returns true when a path under the shared folder is absent, after printing
 * which tests skip and why, so that the output of a skipped run explains it.
 */
export function sharedMissing(tests: string, ...parts: string[]): boolean {
  if (sharedExists(...parts)) {
    return false;
  }
  process.stderr.write(
    `${tests} skipped: ${sharedPath(...parts)} is absent. Set WATCHFLOOR_SHARED_DIR to the shared folder to run them.\n`,
  );
  return true;
}

/** Every file under a folder, recursively, as absolute paths in a stable order. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      return statSync(full).isDirectory() ? listFiles(full) : [full];
    });
}
