import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import pg from "pg";
import type { TestProject } from "vitest/node";

import { releaseExitHooks, startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrate";

import { assertLocalDatabaseUrl } from "../helpers/local-database-url";

const TEMPLATE = "watchfloor_test_template";

declare module "vitest" {
  export interface ProvidedContext {
    testServerUrl: string;
    testTemplateDatabase: string;
  }
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

  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();

  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await applyMigrations(templateUrl.toString());

  project.provide("testServerUrl", serverUrl);
  project.provide("testTemplateDatabase", TEMPLATE);

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

