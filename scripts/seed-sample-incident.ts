/**
 * Seeds the sample incident of tests/helpers/seed-sample-incident.ts into the
 * migrated database at DATABASE_URL, for working on the pages without running
 * ingest and detection:
 *
 *   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/wf_ui_dev npx tsx scripts/seed-sample-incident.ts
 *
 * It rejects a DATABASE_URL that does not point at this machine.
 */
import { db, disconnect } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { assertLocalDatabaseUrl } from "@/tests/helpers/local-database-url";
import { seedSampleIncident } from "@/tests/helpers/seed-sample-incident";

const log = logger.child({ component: "seed-sample-incident" });

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: point it at a migrated local database.");
  }
  assertLocalDatabaseUrl(url);
  if ((await db().incident.count()) > 0) {
    throw new Error("The database already has incidents; seed an empty database.");
  }
  const seeded = await seedSampleIncident();
  log.info(seeded, "sample incident seeded");
}

try {
  await main();
} finally {
  await disconnect();
}
