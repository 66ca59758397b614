import { mkdirSync } from "node:fs";
import { resolve } from "node:path";

/** Folder for the embedded PostgreSQL cluster and local state; `.data/` unless WATCHFLOOR_DATA_DIR is set. */
export function resolveDataDir(): string {
  const dir = resolve(process.env.WATCHFLOOR_DATA_DIR ?? ".data");
  mkdirSync(dir, { recursive: true });
  return dir;
}
