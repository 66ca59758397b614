import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import pg from "pg";

import { logger } from "@/lib/log";
import { PROJECT_ROOT } from "@/lib/project-root";

const log = logger.child({ component: "migrate" });

const migrationsDir = join(PROJECT_ROOT, "prisma", "migrations");

interface MigrationFile {
  name: string;
  checksum: string;
}

/** Lists prisma/migrations with the SHA-256 checksums Prisma records in `_prisma_migrations`. */
function listMigrationFiles(): MigrationFile[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(migrationsDir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      checksum: createHash("sha256").update(readFileSync(join(migrationsDir, name, "migration.sql"))).digest("hex"),
    }));
}

async function listAppliedMigrations(databaseUrl: string): Promise<Set<string> | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query("SELECT to_regclass('public._prisma_migrations') AS name");
    if (table.rows[0]?.name === null) {
      return null;
    }
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      "SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    return new Set(rows.rows.map((row) => `${row.migration_name}:${row.checksum}`));
  } finally {
    await client.end();
  }
}

/** Lists migrations in prisma/migrations that the database has not applied yet. */
export async function findPendingMigrations(databaseUrl: string): Promise<string[]> {
  const applied = await listAppliedMigrations(databaseUrl);
  return listMigrationFiles()
    .filter((file) => !applied?.has(`${file.name}:${file.checksum}`))
    .map((file) => file.name);
}

const SUCCESS_LINES = ["All migrations have been successfully applied", "No pending migrations to apply"];

/**
 * Runs `prisma migrate deploy`. The WebAssembly schema engine of Prisma 6.19
 * leaves a 10-second timer behind after it finishes, so the process is ended
 * once it has printed its success line; any other ending is a failure.
 */
function runPrismaMigrateDeploy(databaseUrl: string): Promise<void> {
  const placeholder = join(PROJECT_ROOT, "node_modules", ".cache", "watchfloor", "query-engine-placeholder.node");
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PRISMA_QUERY_ENGINE_LIBRARY: placeholder,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let succeeded = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (!succeeded && SUCCESS_LINES.some((line) => output.includes(line))) {
        succeeded = true;
        setTimeout(() => child.kill("SIGTERM"), 200);
      }
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (code) => {
      if (succeeded || code === 0) {
        resolveRun();
      } else {
        reject(new Error(`prisma migrate deploy failed (exit ${code}):\n${output.trim()}`));
      }
    });
  });
}

/** Applies pending migrations; a database that is up to date costs one query. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const pending = await findPendingMigrations(databaseUrl);
  if (pending.length === 0) {
    return [];
  }
  log.info({ pending }, "applying database migrations");
  await runPrismaMigrateDeploy(databaseUrl);
  const still = await findPendingMigrations(databaseUrl);
  if (still.length > 0) {
    throw new Error(`Migrations still pending after prisma migrate deploy: ${still.join(", ")}`);
  }
  log.info({ applied: pending }, "database migrations applied");
  return pending;
}
