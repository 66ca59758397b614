// Runs the Prisma CLI offline. Prisma 6.19 downloads the query-engine library
// unless PRISMA_QUERY_ENGINE_LIBRARY names an existing file; the "client"
// engine type never loads it, so a placeholder is enough.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs `prisma <args>` in the repository and returns its exit status. */
export function runPrisma(args) {
  const placeholder = join(root, "node_modules", ".cache", "watchfloor", "query-engine-placeholder.node");
  if (!existsSync(placeholder)) {
    mkdirSync(dirname(placeholder), { recursive: true });
    writeFileSync(placeholder, "");
  }
  const result = spawnSync(process.execPath, [join(root, "node_modules", "prisma", "build", "index.js"), ...args], {
    cwd: root,
    stdio: "inherit",
    env: {
      ...process.env,
      PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://localhost:5432/watchfloor",
    },
  });
  return result.status ?? 1;
}
