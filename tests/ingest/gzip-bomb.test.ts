import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

const LIMIT = 1024 * 1024;

describe("gzip bomb", () => {
  let root: string;
  let bomb: string;
  let bombBytes: number;
  let summary: IngestSummary;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "watchfloor-bomb-"));
    // 64 MiB of spaces inside a record compress to about 64 KiB.
    const padding = Buffer.alloc(64 * 1024 * 1024, 0x20);
    const body = Buffer.concat([Buffer.from(`{"Records":[${JSON.stringify(makeAssumedRoleRecord(1))},`), padding, Buffer.from("]}")]);
    const compressed = gzipSync(body);
    bombBytes = compressed.length;
    bomb = join(root, "bomb.json.gz");
    writeFileSync(bomb, compressed);
    writeFileSync(join(root, "good.json"), JSON.stringify({ Records: [makeAssumedRoleRecord(2)] }));
    summary = await ingestPaths({ paths: [root], origin: "test", maxDecompressedBytes: LIMIT });
  });

  it("compresses more than 500 to 1", () => {
    expect(64 * 1024 * 1024 / bombBytes).toBeGreaterThan(500);
  });

  it("is rejected with the limit named", () => {
    const rejection = summary.rejected.find((entry) => entry.file === bomb);
    expect(rejection?.reason).toBe(
      `${bomb} decompresses to more than the limit of 1 MiB (${LIMIT} bytes). ` +
        "Raise WATCHFLOOR_MAX_DECOMPRESSED_BYTES if the file is genuine. Stopped reading the file.",
    );
  });

  it("stores the record read before the limit", async () => {
    expect(await db().event.count({ where: { naturalId: eventIdFor(1) } })).toBe(1);
  });

  it("marks the file incomplete", async () => {
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: bomb } });
    expect(file.status).toBe("incomplete");
    expect(file.contentSha256).toBeNull();
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("marks the batch incomplete", async () => {
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId } });
    expect(batch.status).toBe("incomplete");
  });

  it("still ingests the other file", async () => {
    expect(await db().event.count({ where: { naturalId: eventIdFor(2) } })).toBe(1);
  });
});
