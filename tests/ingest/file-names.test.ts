import { mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord, makeDeliveryFile } from "@/lib/sources/cloudtrail/fixtures/records";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

describe("file names that are not UTF-8", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "watchfloor-names-")));
  let summary: IngestSummary;
  let givenPathSummary: IngestSummary;

  beforeAll(async () => {
    writeFileSync(join(root, "good.json"), makeDeliveryFile([makeAssumedRoleRecord(710_000)]));
    // "bad-", the byte 0xff (never valid in UTF-8), "-é.json" with é in UTF-8.
    const name = Buffer.concat([Buffer.from("bad-"), Buffer.from([0xff]), Buffer.from("-é.json")]);
    writeFileSync(Buffer.concat([Buffer.from(`${root}/`), name]), makeDeliveryFile([makeAssumedRoleRecord(710_001)]));
    summary = await ingestPaths({ paths: [root], origin: "test" });
    givenPathSummary = await ingestPaths({ paths: [join(root, "bad-\uFFFD-é.json")], origin: "test" });
  });

  it("names the file with its invalid byte escaped", () => {
    expect(summary.rejected).toEqual([
      {
        file: join(root, "bad-\\xff-é.json"),
        record: null,
        field: null,
        reason: expect.stringContaining("the file name is not valid UTF-8, so it cannot be read or stored; rename it and ingest it again"),
      },
    ]);
  });

  it("reads the other files of the folder", async () => {
    expect(await db().event.count({ where: { naturalId: eventIdFor(710_000) } })).toBe(1);
    expect(await db().event.count({ where: { naturalId: eventIdFor(710_001) } })).toBe(0);
  });

  it("hints at the name when a given path is not found", () => {
    expect(givenPathSummary.rejected).toHaveLength(1);
    expect(givenPathSummary.rejected[0]?.reason).toContain("file or folder not found; if its name is not valid UTF-8, rename it or give the folder that contains it");
  });
});
