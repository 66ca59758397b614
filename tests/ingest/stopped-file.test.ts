import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

describe("CloudTrail file stopped part-way", () => {
  it("is incomplete with earlier records", async () => {
    const dir = mkdtempSync(join(tmpdir(), "watchfloor-stopped-"));
    const file = join(dir, "stopped.json");
    // A semicolon between two records: the splitter cannot find where the next one starts.
    writeFileSync(file, `{"Records":[${JSON.stringify(makeAssumedRoleRecord(700_000))};${JSON.stringify(makeAssumedRoleRecord(700_001))}]}`);
    const summary = await ingestPaths({ paths: [file], origin: "test" });

    expect(summary.inserted).toBe(1);
    expect(summary.rejected.map((entry) => entry.reason)).toEqual([expect.stringMatching(/Stopped reading the file\.$/)]);
    const row = await db().ingestFile.findFirstOrThrow({ where: { path: file } });
    expect(row.status).toBe("incomplete");
    expect([row.records, row.inserted, row.rejected]).toEqual([2, 1, 1]);
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId } });
    expect(batch.status).toBe("incomplete");
    expect(await db().event.count({ where: { naturalId: { in: [eventIdFor(700_000), eventIdFor(700_001)] } } })).toBe(1);
  });
});
