import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { inTransaction, pgPool } from "@/lib/db/client";
import { eventRowFixture } from "@/tests/helpers/event-row-fixture";
import { useTestDatabase } from "@/tests/helpers/test-database";

import type { EventRow } from "./event-row";
import { decodeRaw } from "./raw-codec";
import { storeEventRows } from "./store-events";

useTestDatabase();

function eventRow(naturalId: string, overrides: Partial<EventRow> = {}): EventRow {
  return eventRowFixture(naturalId, { overrides });
}


describe("storeEventRows", () => {
  it("writes every column through binary COPY", async () => {
    const id = randomUUID();
    const fileId = randomUUID();
    await inTransaction((client) =>
      storeEventRows(client, [
        eventRow(id, { sourceIp: "2001:db8::7", userAgent: "agent\u0000with nul", fileId, recordIndex: 7, readOnly: null }),
      ]),
    );
    const { rows } = await pgPool().query(
      `SELECT host(source_ip) AS ip, event_time, user_agent, file_id, record_index, read_only, redacted, raw_codec, raw
       FROM events WHERE natural_id = $1`,
      [id],
    );
    expect(rows[0].ip).toBe("2001:db8::7");
    expect((rows[0].event_time as Date).toISOString()).toBe("2026-11-17T02:18:00.123Z");
    expect(rows[0].user_agent).toBe("agent\uFFFDwith nul");
    expect(rows[0].file_id).toBe(fileId);
    expect(rows[0].record_index).toBe(7);
    expect(rows[0].read_only).toBeNull();
    expect(rows[0].redacted).toBe(false);
    expect(decodeRaw(rows[0].raw_codec, rows[0].raw).toString()).toBe(`{"eventID":"${id}"}`);
  });

  it("returns stored and repeated rows as duplicates", async () => {
    const stored = randomUUID();
    const fresh = randomUUID();
    await inTransaction((client) => storeEventRows(client, [eventRow(stored)]));
    const result = await inTransaction((client) =>
      storeEventRows(client, [eventRow(stored), eventRow(fresh), eventRow(fresh, { recordIndex: 2 })]),
    );
    expect(result.inserted.map((row) => row.naturalId)).toEqual([fresh]);
    expect(result.duplicates.map((row) => [row.naturalId, row.recordIndex])).toEqual([
      [stored, 0],
      [fresh, 2],
    ]);
    const deliveries = await pgPool().query("SELECT natural_id FROM event_deliveries WHERE natural_id = ANY($1)", [
      [stored, fresh],
    ]);
    expect(deliveries.rowCount).toBe(2);
  });

  it("yields to a concurrent writer of the same event", async () => {
    const shared = randomUUID();
    const own = randomUUID();
    const first = await pgPool().connect();
    try {
      await first.query("BEGIN");
      await storeEventRows(first, [eventRow(shared)]);
      // The second writer cannot see the uncommitted row, so its COPY waits
      // on the unique index and fails once the first writer commits.
      const second = inTransaction((client) => storeEventRows(client, [eventRow(shared), eventRow(own)]));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await first.query("COMMIT");
      const result = await second;
      expect(result.inserted.map((row) => row.naturalId)).toEqual([own]);
      expect(result.duplicates.map((row) => row.naturalId)).toEqual([shared]);
    } finally {
      first.release();
    }
    const count = await pgPool().query("SELECT count(*)::int AS n FROM events WHERE natural_id = ANY($1)", [[shared, own]]);
    expect(count.rows[0].n).toBe(2);
  });
});
