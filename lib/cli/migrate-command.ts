import { withDatabaseSession } from "./database-session";

export async function runMigrateCommand(): Promise<number> {
  const applied = await withDatabaseSession(async (session) => session.appliedMigrations);
  process.stdout.write(`${migrateMessage(applied)}\n`);
  return 0;
}

/** Returns what `watchfloor migrate` prints: the migrations it applied, or that there were none to apply. */
export function migrateMessage(applied: readonly string[]): string {
  if (applied.length === 0) {
    return "Database schema is up to date; no migration was pending.";
  }
  const count = applied.length === 1 ? "1 migration" : `${applied.length} migrations`;
  return `Applied ${count} (${applied.join(", ")}); the database schema is up to date.`;
}
