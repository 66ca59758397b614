import { randomBytes } from "node:crypto";

import pg from "pg";
import { inject } from "vitest";

import { assertLocalDatabaseUrl } from "./local-database-url";

/**
 * Creates one more database cloned from the migrated template, for a test that
 * compares two databases (for example an interrupted ingest with a clean one).
 * The caller drops it with the returned function.
 */
export async function createExtraDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject("testServerUrl");
  assertLocalDatabaseUrl(serverUrl);
  const name = `${inject("testDatabasePrefix")}_extra_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject("testTemplateDatabase")}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
