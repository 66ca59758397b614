import { withDatabaseSession } from "./database-session";

export async function runMigrateCommand(): Promise<number> {
  await withDatabaseSession(async () => undefined);
  process.stdout.write("Database schema is up to date.\n");
  return 0;
}
