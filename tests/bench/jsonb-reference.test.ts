import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { from as copyFrom } from "pg-copy-streams";
import { describe, expect, it } from "vitest";

import { createJsonbReferenceTable, encodeJsonbReferenceRows, JSONB_REFERENCE_TABLE } from "@/bench/ingest/jsonb-reference";
import { pgPool } from "@/lib/db/client";
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from "@/lib/ingest/copy-binary";
import { eventCopySql } from "@/lib/ingest/event-copy-rows";
import type { EventRow } from "@/lib/ingest/event-row";
import { encodeRaw } from "@/lib/ingest/raw-codec";
import { useTestDatabase } from "@/tests/helpers/test-database";

const database = useTestDatabase();

function eventRow(record: Record<string, unknown>, index: number): EventRow {
  const raw = encodeRaw(Buffer.from(JSON.stringify(record)));
  return {
    source: "cloudtrail",
    naturalId: String(record.eventID),
    eventTime: new Date("2026-11-17T02:18:00.123Z"),
    accountId: "111122223333",
    region: "us-east-1",
    eventSource: "s3.amazonaws.com",
    eventName: String(record.eventName),
    principalKey: "arn:aws:iam::111122223333:user/alice",
    principalArn: "arn:aws:iam::111122223333:user/alice",
    principalType: "IAMUser",
    principalName: "alice",
    sessionName: null,
    accessKeyId: null,
    sourceIp: "203.0.113.9",
    sourceService: null,
    userAgent: "aws-cli/2.15.0",
    errorCode: null,
    readOnly: true,
    redacted: false,
    batchId: randomUUID(),
    fileId: null,
    recordIndex: index,
    rawCodec: raw.codec,
    raw: raw.data,
  };
}

describe("jsonb reference table", () => {
  it("stores COPY rows as readable jsonb", async () => {
    const records = [
      { eventID: "e-1", eventName: "ListBuckets", requestParameters: { note: "Zürich ✓ \"quoted\"" } },
      { eventID: "e-2", eventName: "GetObject", bytes: 12345678901234567890 },
    ];
    await createJsonbReferenceTable(database.url());
    const client = await pgPool().connect();
    try {
      const payload = Buffer.concat([BINARY_COPY_HEADER, encodeJsonbReferenceRows(records.map(eventRow)), BINARY_COPY_TRAILER]);
      await pipeline(Readable.from([payload]), client.query(copyFrom(eventCopySql(JSONB_REFERENCE_TABLE))));
    } finally {
      client.release();
    }

    const { rows } = await pgPool().query<{ natural_id: string; raw: unknown; type: string }>(
      `SELECT natural_id, raw, pg_typeof(raw)::text AS type FROM ${JSONB_REFERENCE_TABLE} ORDER BY natural_id`,
    );
    expect(rows.map((row) => row.type)).toEqual(["jsonb", "jsonb"]);
    expect(rows.map((row) => row.raw)).toEqual(JSON.parse(JSON.stringify(records)));
  });

  it("has the indexes of events", async () => {
    const { rows } = await pgPool().query<{ table: string; indexes: number }>(
      `SELECT indrelid::regclass::text AS table, count(*)::int AS indexes FROM pg_index
        WHERE indrelid IN ('events'::regclass, '${JSONB_REFERENCE_TABLE}'::regclass) GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { table: "events", indexes: 7 },
      { table: JSONB_REFERENCE_TABLE, indexes: 7 },
    ]);
  });
});
