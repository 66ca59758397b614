import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's `shared/` folder (samples and failure cases), which sits beside the
 * repository on developer machines and in CI. Tests over it skip when it is absent.
 */
export const SHARED_DIR = fileURLToPath(new URL("../../../../shared/", import.meta.url));

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}

export function sharedExists(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
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
