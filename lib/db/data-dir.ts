import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

import { PROJECT_ROOT } from "@/lib/project-root";

/**
 * Folder for the embedded PostgreSQL cluster and local state: WATCHFLOOR_DATA_DIR
 * when set, else `.data/` in the project folder, whatever the working directory,
 * so that every command and `npm start` share one database.
 */
export function resolveDataDir(): string {
  const configured = process.env.WATCHFLOOR_DATA_DIR;
  const dir = configured ? resolve(configured) : join(PROJECT_ROOT, ".data");
  mkdirSync(dir, { recursive: true });
  return dir;
}
