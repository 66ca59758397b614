import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

describe("a file in no known format", () => {
  const root = mkdtempSync(join(tmpdir(), "watchfloor-unrecognised-"));
  const notes = "meeting notes, not a log\n";
  const long = "x".repeat(100 * 1024);

  beforeAll(async () => {
    writeFileSync(join(root, "notes.txt"), notes);
    writeFileSync(join(root, "long.txt.gz"), gzipSync(long));
    await ingestPaths({ paths: [root], origin: "test" });
  });

  it("keeps its bytes with the rejection", async () => {
    const rejection = await db().rejectedRecord.findFirstOrThrow({ where: { path: join(root, "notes.txt") } });
    expect(rejection.recordIndex).toBeNull();
    expect(rejection.reason).toMatch(/^the content is neither JSON nor flow log text/);
    expect(Buffer.from(rejection.raw ?? []).toString("utf8")).toBe(notes);
    expect(rejection.rawTruncated).toBe(false);
  });

  it("keeps the first 64 KiB of a larger one, decompressed", async () => {
    const rejection = await db().rejectedRecord.findFirstOrThrow({ where: { path: join(root, "long.txt.gz") } });
    expect(Buffer.from(rejection.raw ?? []).toString("utf8")).toBe(long.slice(0, 64 * 1024));
    expect(rejection.rawTruncated).toBe(true);
  });
});
