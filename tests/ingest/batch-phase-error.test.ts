import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db, pgPool } from "@/lib/db/client";
import { BatchPhaseError } from "@/lib/ingest/ingest-batch";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import { makeAttachAdministratorRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const EVENT_ID = "5e0c2b3a-0000-4333-8444-00000000b701";

describe("a batch whose detection fails", () => {
  let path: string;
  let failure: unknown;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-phase-error-"));
    path = join(root, "attach.json");
    writeFileSync(path, JSON.stringify({ Records: [makeAttachAdministratorRecord("lee", EVENT_ID)] }));
    // Signals cannot be saved, so detection fails with a database error after the event is stored.
    await pgPool().query(`
      CREATE FUNCTION reject_signals() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'signal rejected by a test trigger'; END $$;
      CREATE TRIGGER reject_signals BEFORE INSERT ON signals FOR EACH ROW EXECUTE FUNCTION reject_signals();`);
    failure = await ingestPaths({ paths: [path], origin: "test" }).then(
      () => null,
      (error: unknown) => error,
    );
    await pgPool().query("DROP TRIGGER reject_signals ON signals; DROP FUNCTION reject_signals();");
  });

  it("names phase, batch and next step", async () => {
    expect(failure).toBeInstanceOf(BatchPhaseError);
    const error = failure as BatchPhaseError;
    expect(error.phase).toBe("detection");
    expect(error.message).toMatch(
      new RegExp(`^detection failed for ingest batch ${error.batchId} after 1 new records were stored: .*signal rejected by a test trigger`),
    );
    expect(error.message).toContain("ingest the same files again to run detection over them");
  });

  it("keeps event, batch stays running", async () => {
    const error = failure as BatchPhaseError;
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: error.batchId } });
    expect(batch.status).toBe("running");
    expect(await db().event.count({ where: { naturalId: EVENT_ID, batchId: error.batchId } })).toBe(1);
    expect(await db().signal.count()).toBe(0);
  });

  it("detects again on a second ingest", async () => {
    const summary = await ingestPaths({ paths: [path], origin: "test" });
    expect(summary.duplicates).toBe(1);
    expect(summary.signals).toBeGreaterThan(0);
    expect(await db().signal.count()).toBe(summary.signals);
  });
});
