import { readFileSync } from "node:fs";
import { join } from "node:path";

import pg from "pg";

/**
 * Connects to the embedded PostgreSQL of the server under test, found from
 * its data folder (credentials file and postmaster.pid), so that a test can
 * add what the app has no page for yet, such as users.
 */
export async function connectE2eDatabase(): Promise<pg.Client> {
  const dataDir = process.env.WATCHFLOOR_E2E_DATA_DIR;
  if (!dataDir) {
    throw new Error("WATCHFLOOR_E2E_DATA_DIR is not set; this test needs the server that playwright.config.ts starts.");
  }
  const { password } = JSON.parse(readFileSync(join(dataDir, "postgres-credentials.json"), "utf8")) as { password: string };
  // postmaster.pid lines: pid, data directory, start time, port, ...
  const port = Number(readFileSync(join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[3]);
  const client = new pg.Client({
    connectionString: `postgresql://watchfloor:${encodeURIComponent(password)}@127.0.0.1:${port}/watchfloor`,
  });
  await client.connect();
  return client;
}

/** Adds an incident commander, or gives the commander role to the user with this email, and returns its id. */
export async function ensureCommander(email: string, name: string): Promise<string> {
  const client = await connectE2eDatabase();
  try {
    const result = await client.query<{ id: string }>(
      `INSERT INTO users (id, email, name, role, updated_at) VALUES (gen_random_uuid(), $1, $2, 'commander', now())
       ON CONFLICT (email) DO UPDATE SET role = 'commander' RETURNING id`,
      [email, name],
    );
    return result.rows[0].id;
  } finally {
    await client.end();
  }
}
