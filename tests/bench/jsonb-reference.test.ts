import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { from as copyFrom } from "pg-copy-streams";
import { describe, expect, it } from "vitest";

import { createJsonbReferenceTable, encodeJsonbReferenceRows, JSONB_REFERENCE_TABLE } from "@/bench/ingest/jsonb-reference";
import { pgPool } from "@/lib/db/client";
import { BINARY_COPY_HEADER, BINARY_COPY_TRAILER } from "@/lib/ingest/copy-binary";
import { eventCopySql } from "@/lib/ingest/event-copy-rows";
import type { EventRow } from "@/lib/ingest/event-row";
import { eventRowFixture } from "@/tests/helpers/event-row-fixture";
import { useTestDatabase } from "@/tests/helpers/test-database";

const database = useTestDatabase();

function eventRow(record: Record<string, unknown>, index: number): EventRow {
  return eventRowFixture(String(record.eventID), { record, overrides: { eventName: String(record.eventName), recordIndex: index } });
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
    expect(rows.map((row) => row.table)).toEqual(["events", JSONB_REFERENCE_TABLE]);
    expect(rows[0]?.indexes).toBeGreaterThan(0);
    expect(rows[1]?.indexes).toBe(rows[0]?.indexes);
  });
});
