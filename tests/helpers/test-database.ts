import { randomBytes } from "node:crypto";

import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";

import { disconnect } from "@/lib/db/client";

import { assertLocalDatabaseUrl } from "./local-database-url";

/**
 * Gives the calling test file a database of its own, cloned from the migrated
 * template, and points DATABASE_URL (and so `db()`) at it.
 */
export function useTestDatabase(): { url: () => string } {
  const serverUrl = inject("testServerUrl");
  const template = inject("testTemplateDatabase");
  assertLocalDatabaseUrl(serverUrl);
  const name = `${inject("testDatabasePrefix")}_${randomBytes(6).toString("hex")}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
    await admin.end();
    process.env.DATABASE_URL = url.toString();
  });

  afterAll(async () => {
    await disconnect();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  return { url: () => url.toString() };
}
