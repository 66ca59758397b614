import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db, pgPool } from "@/lib/db/client";
import { BatchPhaseError } from "@/lib/ingest/ingest-batch";
import { ingestPaths } from "@/lib/ingest/ingest-paths";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const ACCOUNT = "111122223333";
const EVENT_ID = "5e0c2b3a-0000-4333-8444-00000000b701";

/** Builds an IAM user's AttachUserPolicy of AdministratorAccess, which detection saves a signal for. */
function attachAdministrator(): Record<string, unknown> {
  return {
    eventVersion: "1.09",
    userIdentity: {
      type: "IAMUser",
      principalId: "AIDAQEXAMPLEUSER0071",
      arn: `arn:aws:iam::${ACCOUNT}:user/lee`,
      accountId: ACCOUNT,
      accessKeyId: "AKIAQEXAMPLEKEY00071",
      userName: "lee",
    },
    eventTime: "2024-03-05T12:00:05Z",
    eventSource: "iam.amazonaws.com",
    eventName: "AttachUserPolicy",
    awsRegion: "us-east-1",
    sourceIPAddress: "198.51.100.23",
    userAgent: "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12",
    requestParameters: { userName: "lee", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
    responseElements: null,
    requestID: "0d7a3f1e-5b2c-4c8d-9e0f-1a2b3c4d5e71",
    eventID: EVENT_ID,
    readOnly: false,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: "Management",
  };
}

describe("a batch whose detection fails", () => {
  let path: string;
  let failure: unknown;

  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), "watchfloor-phase-error-"));
    path = join(root, "attach.json");
    writeFileSync(path, JSON.stringify({ Records: [attachAdministrator()] }));
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
