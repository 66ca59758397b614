import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";

import { afterEach, beforeAll, describe, expect, it } from "vitest";

import { POST as finishUpload } from "@/app/api/ingest/uploads/[batchId]/finish/route";
import { POST as uploadFile } from "@/app/api/ingest/uploads/[batchId]/files/route";
import { POST as startUpload } from "@/app/api/ingest/uploads/route";
import { GET as getBatch } from "@/app/api/ingest/batches/[id]/route";
import { GET as downloadRejection } from "@/app/api/ingest/rejections/[id]/route";
import { POST as ingest } from "@/app/api/ingest/route";
import { db } from "@/lib/db/client";
import type { IngestBatchDetail } from "@/lib/ingest/get-ingest-batch";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { createTestAuthorization } from "../helpers/api-token";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

let authorization = "";

beforeAll(async () => {
  authorization = (await createTestAuthorization("analyst")).authorization;
});

const ACCOUNT = "111122223333";
const KEY = `logs/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2024/03/05/${ACCOUNT}_CloudTrail_us-east-1_20240305T1205Z_Ab12Cd34Ef56Gh78.json.gz`;

/** A request sent with the analyst's API token, as a forwarder sends it. */
function request(path: string, init: RequestInit & { duplex?: "half" } = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("authorization", authorization);
  return new Request(`http://127.0.0.1${path}`, { method: "POST", ...init, headers });
}

function context(params: Record<string, string> = {}) {
  return { params: Promise.resolve(params) };
}

function records(first: number, count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => makeAssumedRoleRecord(first + i));
}

function envelope(record: Record<string, unknown>): Record<string, unknown> {
  return {
    version: "0",
    id: createHash("md5").update(String(record.eventID)).digest("hex").replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, "$1-$2-$3-$4-$5"),
    "detail-type": "AWS API Call via CloudTrail",
    source: "aws.ec2",
    account: ACCOUNT,
    time: record.eventTime,
    region: "us-east-1",
    resources: [],
    detail: record,
  };
}

/** A body sent without Content-Length, as a forwarder streaming a file does. */
function chunked(parts: Buffer[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) {
        controller.enqueue(new Uint8Array(part));
      }
      controller.close();
    },
  });
}

afterEach(() => {
  delete process.env.WATCHFLOOR_INGEST_MAX_BODY_BYTES;
});

describe("POST /api/ingest", () => {
  it("answers 401 without a token", async () => {
    const response = await ingest(new Request("http://127.0.0.1/api/ingest", { method: "POST", body: "[]" }), context());
    expect(response.status).toBe(401);
  });

  it("answers 403 to a role that may only read", async () => {
    const manager = await createTestAuthorization("manager");
    const response = await ingest(
      new Request("http://127.0.0.1/api/ingest", { method: "POST", body: "[]", headers: { authorization: manager.authorization } }),
      context(),
    );
    expect(response.status).toBe(403);
  });

  it("stores a gzip file body", async () => {
    const body = gzipSync(JSON.stringify({ Records: records(500_000, 3) }));
    const response = await ingest(request("/api/ingest?name=upload.json.gz", { body }), context());
    expect(response.status).toBe(200);
    const summary = (await response.json()) as IngestSummary;
    expect(summary.inserted).toBe(3);
    expect(summary.rejected).toEqual([]);
    expect(await db().event.count({ where: { naturalId: { in: [0, 1, 2].map((i) => eventIdFor(500_000 + i)) } } })).toBe(3);
  });

  it("answers 422 with the summary when records are rejected", async () => {
    const bad = [makeAssumedRoleRecord(500_010), makeAssumedRoleRecord(500_011, { eventTime: "yesterday" })];
    const response = await ingest(request("/api/ingest", { body: JSON.stringify(bad) }), context());
    expect(response.status).toBe(422);
    const summary = (await response.json()) as IngestSummary;
    expect(summary.inserted).toBe(1);
    expect(summary.rejected).toEqual([
      { file: "request body", record: 1, field: "[1].eventTime", reason: expect.stringContaining("[1].eventTime") },
    ]);
  });

  it("rejects a name with control characters", async () => {
    const body = JSON.stringify([makeAssumedRoleRecord(500_015)]);
    const response = await ingest(request(`/api/ingest?name=${encodeURIComponent("\u001b[31mred\nline")}`, { body }), context());
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; field: string } };
    expect(error.code).toBe("validation_failed");
    expect(error.field).toBe("query.name");
    expect(await db().event.count({ where: { naturalId: eventIdFor(500_015) } })).toBe(0);
  });

  it("reads one EventBridge event", async () => {
    const response = await ingest(request("/api/ingest", { body: JSON.stringify(envelope(makeAssumedRoleRecord(500_020))) }), context());
    expect(response.status).toBe(200);
    expect(((await response.json()) as IngestSummary).inserted).toBe(1);
  });

  it("reads a batch of EventBridge events", async () => {
    const batch = records(500_030, 4).map(envelope);
    const response = await ingest(request("/api/ingest", { body: JSON.stringify(batch) }), context());
    expect(response.status).toBe(200);
    const summary = (await response.json()) as IngestSummary;
    expect(summary.bySource.cloudtrail.inserted).toBe(4);
  });

  it("keeps the source key header", async () => {
    const body = gzipSync(JSON.stringify({ Records: records(500_040, 1) }));
    const response = await ingest(request("/api/ingest", { body, headers: { "x-watchfloor-source-key": KEY } }), context());
    expect(response.status).toBe(200);
    const summary = (await response.json()) as IngestSummary;
    const file = await db().ingestFile.findFirstOrThrow({ where: { batchId: summary.batchId } });
    expect(file.s3Key).toBe(KEY);
    expect(file.accountId).toBe(ACCOUNT);
    expect(file.path).toBe(KEY);
    expect(file.contentSha256).toBe(createHash("sha256").update(JSON.stringify({ Records: records(500_040, 1) })).digest("hex"));
  });

  it("answers 400 listing the formats for an unknown body", async () => {
    const response = await ingest(request("/api/ingest?name=notes.txt", { body: "hello, these are notes\n" }), context());
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toMatch(/^notes\.txt: the content is neither JSON nor flow log text .*; expected a CloudTrail delivery file/);
  });

  it("stores records of a truncated gzip body", async () => {
    const body = gzipSync(JSON.stringify({ Records: records(500_060, 20) }));
    const response = await ingest(request("/api/ingest?name=cut.json.gz", { body: body.subarray(0, Math.floor(body.length * 0.7)) }), context());
    expect(response.status).toBe(422);
    const summary = (await response.json()) as IngestSummary;
    expect(summary.inserted).toBeGreaterThan(0);
    expect(summary.inserted).toBeLessThan(20);
    // The record cut short is named by its index.
    expect(summary.rejected).toEqual([{ file: "cut.json.gz", record: summary.inserted, field: null, reason: expect.stringMatching(/^gzip data in cut\.json\.gz is truncated after \d+ decompressed bytes/) }]);
    expect(summary.rejected[0]?.reason).toMatch(/\. Stopped reading the file\. The records read before the damage are stored\. Copy the file again/);
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId } });
    expect(batch.status).toBe("incomplete");
    const stored = await db().event.count({ where: { naturalId: { in: Array.from({ length: 20 }, (_, i) => eventIdFor(500_060 + i)) } } });
    expect(stored).toBe(summary.inserted);
  });

  it("answers 400 for gzip cut before its kind", async () => {
    const body = gzipSync("x".repeat(200) + JSON.stringify({ Records: records(500_090, 3) }));
    const before = await db().ingestBatch.count();
    const response = await ingest(request("/api/ingest?name=cut.gz", { body: body.subarray(0, body.length - 12) }), context());
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.message).toMatch(/^gzip data in cut\.gz is truncated after \d+ decompressed bytes/);
    expect(error.message).toMatch(/\)\. No record was stored\. Copy the file again from its source and ingest it again\.$/);
    expect(await db().ingestBatch.count()).toBe(before);
  });

  it("stores an Access Advisor report for the principal given in the query", async () => {
    const report = {
      JobStatus: "COMPLETED",
      JobCompletionDate: "2024-06-14T09:00:03Z",
      ServicesLastAccessed: [
        { ServiceName: "Amazon S3", ServiceNamespace: "s3", LastAuthenticated: "2024-06-12T10:05:00Z", TotalAuthenticatedEntities: 1 },
        { ServiceName: "AWS Lambda", ServiceNamespace: "lambda", TotalAuthenticatedEntities: 0 },
      ],
    };
    const principal = "arn:aws:iam::111122223333:role/report-reader";
    const response = await ingest(request(`/api/ingest?name=report.json&principal=${encodeURIComponent(principal)}`, { body: JSON.stringify(report) }), context());
    expect(response.status).toBe(200);
    const rows = await db().serviceLastAccessed.findMany({ where: { principalArn: principal }, orderBy: { serviceNamespace: "asc" } });
    expect(rows.map((row) => [row.serviceNamespace, row.neverUsed])).toEqual([
      ["lambda", true],
      ["s3", false],
    ]);
  });

  it("answers 422 for a principal that is not an IAM ARN", async () => {
    const response = await ingest(request("/api/ingest?principal=bob", { body: "{}" }), context());
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe("query.principal");
  });

  it("answers 413 when Content-Length is over the limit", async () => {
    process.env.WATCHFLOOR_INGEST_MAX_BODY_BYTES = "1000";
    const body = Buffer.alloc(2000, 0x20);
    const response = await ingest(request("/api/ingest", { body, headers: { "content-length": "2000" } }), context());
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("answers 413 when a streamed body passes the limit", async () => {
    process.env.WATCHFLOOR_INGEST_MAX_BODY_BYTES = "100000";
    const lines = records(500_100, 200).map((r) => Buffer.from(`${JSON.stringify(r)}\n`));
    const response = await ingest(request("/api/ingest", { body: chunked(lines), duplex: "half" }), context());
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toMatch(/^request body: the request body is larger than the limit of 97\.7 KiB \(100000 bytes; WATCHFLOOR_INGEST_MAX_BODY_BYTES\); stopped reading\. Records read before the limit are stored in batch [0-9a-f-]{36}\.$/);
  });
});

describe("POST /api/ingest with a connection cut off", () => {
  it("stores lines before the cut", async () => {
    const lines = records(500_400, 30).map((r) => Buffer.from(`${JSON.stringify(r)}\n`));
    let pulls = 0;
    // The second read fails: an errored stream drops what it had queued.
    const cut = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) {
          controller.enqueue(new Uint8Array(Buffer.concat(lines.slice(0, 10))));
        } else {
          controller.error(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
        }
      },
    });
    const response = await ingest(request("/api/ingest?name=cut.jsonl", { body: cut, duplex: "half" }), context());
    expect(response.status).toBe(422);
    const summary = (await response.json()) as IngestSummary;
    expect(summary.inserted).toBe(10);
    expect(summary.rejected).toHaveLength(1);
    expect(summary.rejected[0]?.reason).toMatch(
      /^cut\.jsonl: the request body was cut off after \d+ bytes because the connection failed or closed \(read ECONNRESET\)\. The records before the cut are stored; send the file again to store the rest/,
    );
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId } });
    expect(batch.status).toBe("incomplete");
  });
});

describe("upload batch", () => {
  let batchId: string;
  let rejectionId: string;

  it("starts, takes files and finishes", async () => {
    const started = await startUpload(request("/api/ingest/uploads"), context());
    batchId = ((await started.json()) as { batchId: string }).batchId;

    const good = gzipSync(JSON.stringify({ Records: records(500_200, 2) }));
    const first = await uploadFile(request(`/api/ingest/uploads/${batchId}/files?name=${encodeURIComponent(`folder/${KEY}`)}`, { body: good }), context({ batchId }));
    expect(first.status).toBe(200);

    const bad = JSON.stringify({ Records: [makeAssumedRoleRecord(500_210), { ...makeAssumedRoleRecord(500_211), eventTime: ["x"] }] });
    const second = await uploadFile(request(`/api/ingest/uploads/${batchId}/files?name=bad.json`, { body: bad }), context({ batchId }));
    expect(second.status).toBe(422);

    const finished = await finishUpload(request(`/api/ingest/uploads/${batchId}/finish`), context({ batchId }));
    expect(finished.status).toBe(200);
    const summary = (await finished.json()) as IngestSummary;
    expect(summary.batchId).toBe(batchId);
    expect(summary.files).toBe(2);
    expect(summary.inserted).toBe(3);
    expect(summary.rejected.map((entry) => [entry.file, entry.record, entry.field])).toEqual([["bad.json", 1, "Records[1].eventTime"]]);
  });

  it("keys an uploaded folder file from AWSLogs on", async () => {
    const file = await db().ingestFile.findFirstOrThrow({ where: { batchId, path: `folder/${KEY}` } });
    expect(file.s3Key).toBe(KEY.slice("logs/".length));
  });

  it("closes the batch", async () => {
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch.status).toBe("complete");
    expect([batch.files, batch.records, batch.inserted, batch.duplicates, batch.rejected]).toEqual([2, 4, 3, 0, 1]);
  });

  it("refuses files after finishing", async () => {
    const late = await uploadFile(request(`/api/ingest/uploads/${batchId}/files`, { body: "[]" }), context({ batchId }));
    expect(late.status).toBe(409);
  });

  it("shows the batch with its rejected record", async () => {
    const response = await getBatch(new Request(`http://127.0.0.1/api/ingest/batches/${batchId}`, { headers: { authorization } }), context({ id: batchId }));
    const detail = (await response.json()) as IngestBatchDetail;
    expect(detail.ingestFiles.map((file) => [file.path, file.status, file.inserted])).toEqual([
      [`folder/${KEY}`, "complete", 2],
      ["bad.json", "complete", 1],
    ]);
    expect(detail.rejections).toHaveLength(1);
    expect(detail.rejections[0].raw?.text).toBe(JSON.stringify({ ...makeAssumedRoleRecord(500_211), eventTime: ["x"] }));
    rejectionId = detail.rejections[0].id;
  });

  it("records an empty file as rejected", async () => {
    const started = await startUpload(request("/api/ingest/uploads"), context());
    const openBatch = ((await started.json()) as { batchId: string }).batchId;
    const response = await uploadFile(
      request(`/api/ingest/uploads/${openBatch}/files?name=empty.json`, { body: new Uint8Array(0), headers: { "content-length": "0" } }),
      context({ batchId: openBatch }),
    );
    expect(response.status).toBe(422);
    const summary = (await response.json()) as IngestSummary;
    expect(summary.files).toBe(1);
    expect(summary.rejected).toEqual([{ file: "empty.json", record: null, field: null, reason: expect.stringMatching(/^the content is empty; expected a CloudTrail delivery file/) }]);
  });

  it("answers 403 to another role's files and finish", async () => {
    const started = await startUpload(request("/api/ingest/uploads"), context());
    const openBatch = ((await started.json()) as { batchId: string }).batchId;
    const commander = await createTestAuthorization("commander");
    const asCommander = (path: string, body?: string) =>
      new Request(`http://127.0.0.1${path}`, { method: "POST", body, headers: { authorization: commander.authorization } });
    const file = await uploadFile(asCommander(`/api/ingest/uploads/${openBatch}/files?name=other.json`, "[]"), context({ batchId: openBatch }));
    expect(file.status).toBe(403);
    expect(((await file.json()) as { error: { message: string } }).error.message).toBe(
      `Upload batch ${openBatch} was opened by another user or token; start an upload of your own.`,
    );
    const finish = await finishUpload(asCommander(`/api/ingest/uploads/${openBatch}/finish`), context({ batchId: openBatch }));
    expect(finish.status).toBe(403);
    const admin = await createTestAuthorization("admin");
    const byAdmin = await finishUpload(
      new Request(`http://127.0.0.1/api/ingest/uploads/${openBatch}/finish`, { method: "POST", headers: { authorization: admin.authorization } }),
      context({ batchId: openBatch }),
    );
    expect(byAdmin.status).toBe(200);
  });

  it("rejects a name with bidirectional controls", async () => {
    const response = await uploadFile(request(`/api/ingest/uploads/${batchId}/files?name=${encodeURIComponent("\u202egnp.json")}`, { body: "[]" }), context({ batchId }));
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { field: string } };
    expect(error.field).toBe("query.name");
  });

  it("downloads the rejected bytes", async () => {
    const response = await downloadRejection(new Request(`http://127.0.0.1/api/ingest/rejections/${rejectionId}`, { headers: { authorization } }), context({ id: rejectionId }));
    expect(response.headers.get("content-type")).toBe("application/octet-stream");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="rejected-${rejectionId}.bin"`);
    expect(Buffer.from(await response.arrayBuffer()).toString("utf8")).toBe(
      JSON.stringify({ ...makeAssumedRoleRecord(500_211), eventTime: ["x"] }),
    );
  });
});
