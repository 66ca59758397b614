import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { POST as finishUpload } from "@/app/api/ingest/uploads/[batchId]/finish/route";
import { POST as uploadFile } from "@/app/api/ingest/uploads/[batchId]/files/route";
import { POST as startUpload } from "@/app/api/ingest/uploads/route";
import { POST as ingest } from "@/app/api/ingest/route";
import { db } from "@/lib/db/client";
import { cliActor } from "@/lib/cli/cli-actor";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { verifyAuditChain } from "@/lib/response/audit/verify-audit-chain";
import { makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { createTestAuthorization } from "../helpers/api-token";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

let authorization = "";
let tokenId = "";
/** The audit label of the token, `token:<name>`. */
let tokenLabel = "";

beforeAll(async () => {
  ({ authorization, tokenId } = await createTestAuthorization("analyst"));
  tokenLabel = `token:${(await db().apiToken.findUniqueOrThrow({ where: { id: tokenId } })).name}`;
});

function request(path: string, body?: Buffer | string): Request {
  const init = typeof body === "string" ? body : body && new Uint8Array(body);
  return new Request(`http://127.0.0.1${path}`, { method: "POST", headers: { authorization }, body: init });
}

function context(params: Record<string, string> = {}) {
  return { params: Promise.resolve(params) };
}

function delivery(first: number, count: number): Buffer {
  const records = Array.from({ length: count }, (_, i) => makeAssumedRoleRecord(first + i));
  return gzipSync(JSON.stringify({ Records: records }));
}

function sha256(body: Buffer | string): string {
  return createHash("sha256").update(body).digest("hex");
}

async function entriesFor(batchId: string) {
  return db().auditEntry.findMany({ where: { targetType: "ingest_batch", targetId: batchId }, orderBy: { seq: "asc" } });
}

describe("POST /api/ingest audit", () => {
  let summary: IngestSummary;
  const body = delivery(900_000, 3);

  beforeAll(async () => {
    const response = await ingest(request("/api/ingest?name=forwarded.json.gz", body), context());
    expect(response.status).toBe(200);
    summary = (await response.json()) as IngestSummary;
  });

  it("records the token and the batch", async () => {
    const [entry] = await entriesFor(summary.batchId);
    expect(entry?.action).toBe("ingest.batch_finished");
    expect(entry?.actorType).toBe("token");
    expect(entry?.actorId).toBe(tokenId);
    expect(entry?.actorLabel).toBe(tokenLabel);
  });

  it("records the file and counts", async () => {
    const [entry] = await entriesFor(summary.batchId);
    expect(entry?.details).toEqual({
      origin: "api",
      status: "complete",
      fileCount: 1,
      files: [{ path: "forwarded.json.gz", sha256: sha256(body) }],
      counts: { files: 1, records: 3, inserted: 3, duplicates: 0, skipped: 0, rejected: 0, updated: 0 },
      signals: summary.signals,
      incidentsCreated: summary.incidentsCreated,
      incidentsUpdated: summary.incidentsUpdated,
    });
  });
});

describe("upload audit", () => {
  let batchId: string;
  const good = delivery(900_100, 2);
  const bad = JSON.stringify({ Records: [makeAssumedRoleRecord(900_110), { ...makeAssumedRoleRecord(900_111), eventTime: 7 }] });

  beforeAll(async () => {
    const started = await startUpload(request("/api/ingest/uploads"), context());
    batchId = ((await started.json()) as { batchId: string }).batchId;
    const first = await uploadFile(request(`/api/ingest/uploads/${batchId}/files?name=good.json.gz`, good), context({ batchId }));
    expect(first.status).toBe(200);
    const second = await uploadFile(request(`/api/ingest/uploads/${batchId}/files?name=bad.json`, bad), context({ batchId }));
    expect(second.status).toBe(422);
    const finished = await finishUpload(request(`/api/ingest/uploads/${batchId}/finish`), context({ batchId }));
    expect(finished.status).toBe(200);
  });

  it("records start, each file and finish", async () => {
    const entries = await entriesFor(batchId);
    expect(entries.map((entry) => entry.action)).toEqual([
      "ingest.upload_started",
      "ingest.file_uploaded",
      "ingest.file_uploaded",
      "ingest.batch_finished",
    ]);
    expect(new Set(entries.map((entry) => entry.actorLabel))).toEqual(new Set([tokenLabel]));
  });

  it("records each uploaded file", async () => {
    const files = (await entriesFor(batchId)).filter((entry) => entry.action === "ingest.file_uploaded");
    expect(files.map((entry) => entry.details)).toEqual([
      {
        file: "good.json.gz",
        sha256: sha256(good),
        kind: "cloudtrail",
        status: "complete",
        counts: { files: 1, records: 2, inserted: 2, duplicates: 0, skipped: 0, rejected: 0, updated: 0 },
      },
      {
        file: "bad.json",
        sha256: sha256(bad),
        kind: "cloudtrail",
        status: "complete",
        counts: { files: 1, records: 2, inserted: 1, duplicates: 0, skipped: 0, rejected: 1, updated: 0 },
      },
    ]);
  });

  it("records the batch totals", async () => {
    const finished = (await entriesFor(batchId)).find((entry) => entry.action === "ingest.batch_finished");
    expect(finished?.details).toMatchObject({
      origin: "upload",
      status: "complete",
      fileCount: 2,
      files: [
        { path: "good.json.gz", sha256: sha256(good) },
        { path: "bad.json", sha256: sha256(bad) },
      ],
      counts: { files: 2, records: 4, inserted: 3, duplicates: 0, skipped: 0, rejected: 1, updated: 0 },
    });
  });
});

describe("command-line ingest audit", () => {
  it("records the operating-system user", async () => {
    const dir = mkdtempSync(join(tmpdir(), "watchfloor-audit-"));
    writeFileSync(join(dir, "local.json.gz"), delivery(900_200, 1));
    const summary = await ingestPaths({ paths: [dir], origin: "cli", actor: cliActor() });
    const [entry] = await entriesFor(summary.batchId);
    expect(entry?.actorLabel).toBe(cliActor().label);
    expect(entry?.details).toMatchObject({ origin: "cli", files: [{ path: join(dir, "local.json.gz") }] });
  });

  it("records nothing without an actor", async () => {
    const dir = mkdtempSync(join(tmpdir(), "watchfloor-audit-"));
    writeFileSync(join(dir, "demo.json.gz"), delivery(900_300, 1));
    const summary = await ingestPaths({ paths: [dir], origin: "test" });
    expect(await entriesFor(summary.batchId)).toEqual([]);
  });
});

describe("audit chain after ingests", () => {
  it("still verifies", async () => {
    const verification = await verifyAuditChain();
    expect(verification.ok).toBe(true);
  });
});
