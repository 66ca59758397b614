import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ingestPaths } from "@/lib/ingest/ingest-paths";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { eventIdFor, makeAssumedRoleRecord, makeDeliveryFile } from "@/lib/sources/cloudtrail/fixtures/records";

import { runCli } from "../helpers/run-cli";
import { useTestDatabase } from "../helpers/test-database";

const database = useTestDatabase();

/** Loading the CLI through tsx takes a few seconds; a FIFO that blocked would take for ever. */
const CLI_TEST_TIMEOUT_MS = 60_000;

/** A FIFO with no writer blocks a plain open for ever; a test over it must end well before that. */
const FIFO_TEST_TIMEOUT_MS = 10_000;

function deliveryOf(first: number, count: number): Buffer {
  return makeDeliveryFile(Array.from({ length: count }, (_, i) => makeAssumedRoleRecord(first + i)));
}

function mkfifo(path: string): string {
  execFileSync("mkfifo", [path]);
  return path;
}

async function storedCount(first: number, count: number): Promise<number> {
  const ids = Array.from({ length: count }, (_, i) => eventIdFor(first + i));
  return db().event.count({ where: { naturalId: { in: ids } } });
}

describe("ingestPaths with links, FIFOs and repeated paths", () => {
  // Resolved, because the temporary folder itself may sit behind a link (macOS /tmp).
  const root = realpathSync(mkdtempSync(join(tmpdir(), "watchfloor-links-")));
  const logs = join(root, "logs");
  const outside = join(root, "outside");
  let summary: IngestSummary;

  beforeAll(async () => {
    mkdirSync(join(outside, "sub"), { recursive: true });
    mkdirSync(logs);
    writeFileSync(join(logs, "a.json"), deliveryOf(700_000, 2));
    writeFileSync(join(outside, "b.json"), deliveryOf(700_010, 1));
    writeFileSync(join(outside, "sub", "c.json"), deliveryOf(700_020, 1));
    symlinkSync(join(outside, "b.json"), join(logs, "b-link.json"));
    symlinkSync(join(outside, "missing.json"), join(logs, "dangling.json"));
    symlinkSync(join(outside, "sub"), join(logs, "sub-link"));
    symlinkSync(".", join(logs, "loop"));
    symlinkSync(join(logs, "self-a"), join(logs, "self-b"));
    symlinkSync(join(logs, "self-b"), join(logs, "self-a"));
    mkfifo(join(logs, "pipe"));
    summary = await ingestPaths({
      paths: [logs, join(logs, "a.json"), join(logs, "b-link.json"), join(outside, "b.json")],
      origin: "test",
    });
  }, FIFO_TEST_TIMEOUT_MS * 2);

  it("reads a file behind a link", async () => {
    expect(await storedCount(700_010, 1)).toBe(1);
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: join(logs, "b-link.json") } });
    expect(file.status).toBe("complete");
  });

  it("follows a linked folder", async () => {
    expect(await storedCount(700_020, 1)).toBe(1);
    const file = await db().ingestFile.findFirstOrThrow({ where: { path: join(logs, "sub-link", "c.json") } });
    expect(file.inserted).toBe(1);
  });

  it("counts each real file once", async () => {
    expect(summary.files).toBe(3);
    expect(summary.records).toBe(4);
    expect(summary.inserted).toBe(4);
    expect(summary.duplicates).toBe(0);
    expect(await db().ingestFile.count({ where: { batchId: summary.batchId } })).toBe(3);
    expect(await db().eventDelivery.count({ where: { batchId: summary.batchId } })).toBe(0);
  });

  it("reports repeated files and the loop", () => {
    expect(summary.skipped).toEqual([
      {
        file: join(logs, "loop"),
        reason: `same folder as ${logs} (real path ${logs}); it is read once`,
      },
      { file: join(logs, "a.json"), reason: `same file as ${join(logs, "a.json")}; it is read once` },
      {
        file: join(logs, "b-link.json"),
        reason: `same file as ${join(logs, "b-link.json")} (real path ${join(outside, "b.json")}); it is read once`,
      },
      { file: join(outside, "b.json"), reason: `same file as ${join(logs, "b-link.json")}; it is read once` },
    ]);
  });

  it("rejects a dangling link by name", () => {
    const entry = summary.rejected.find((rejected) => rejected.file === join(logs, "dangling.json"));
    expect(entry?.record).toBeNull();
    expect(entry?.reason).toBe(
      `symbolic link to ${join(outside, "missing.json")}, which does not exist (a dangling link); fix or remove the link`,
    );
  });

  it("rejects a loop of links", () => {
    const entry = summary.rejected.find((rejected) => rejected.file === join(logs, "self-a"));
    expect(entry?.reason).toBe(`symbolic link to ${join(logs, "self-b")}, which is a loop of symbolic links`);
  });

  it("rejects a FIFO found in a folder", async () => {
    const entry = summary.rejected.find((rejected) => rejected.file === join(logs, "pipe"));
    expect(entry?.reason).toMatch(/^is a named pipe \(FIFO\), not a regular file; only regular files are read/);
    const stored = await db().rejectedRecord.findFirstOrThrow({ where: { batchId: summary.batchId, path: join(logs, "pipe") } });
    expect(stored.reason).toBe(entry?.reason);
  });

  it("lists four unreadable paths", () => {
    expect(summary.rejected.map((entry) => entry.file).sort()).toEqual(
      [join(logs, "dangling.json"), join(logs, "pipe"), join(logs, "self-a"), join(logs, "self-b")].sort(),
    );
  });

  it("closes the batch", async () => {
    const batch = await db().ingestBatch.findUniqueOrThrow({ where: { id: summary.batchId } });
    expect(batch.status).toBe("complete");
    expect([batch.files, batch.skipped, batch.rejected]).toEqual([3, 4, 4]);
  });
});

describe("ingestPaths given a FIFO", () => {
  it(
    "rejects it without waiting for a writer",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "watchfloor-fifo-"));
      const fifo = mkfifo(join(dir, "events.json"));
      const linked = join(dir, "events-link.json");
      symlinkSync(fifo, linked);
      const result = await ingestPaths({ paths: [fifo, linked], origin: "test" });
      expect(result.files).toBe(0);
      expect(result.rejected).toEqual([
        {
          file: fifo,
          record: null,
          field: null,
          reason: "is a named pipe (FIFO), not a regular file; only regular files are read. Copy its data into a regular file and give that file instead",
        },
        {
          file: linked,
          record: null,
          field: null,
          reason:
            `symbolic link to ${fifo}, which is a named pipe (FIFO), not a regular file; only regular files are read. ` +
            "Copy its data into a regular file and give that file instead",
        },
      ]);
    },
    FIFO_TEST_TIMEOUT_MS,
  );
});

describe("watchfloor ingest given a FIFO", () => {
  it(
    "exits 2 naming the FIFO",
    async () => {
      const fifo = mkfifo(join(mkdtempSync(join(tmpdir(), "watchfloor-cli-fifo-")), "stream.json"));
      const { code, stdout } = await runCli(["ingest", "--json", fifo], { DATABASE_URL: database.url() });
      expect(code).toBe(2);
      const summary = JSON.parse(stdout) as IngestSummary;
      expect(summary.files).toBe(0);
      expect(summary.rejected.map((entry) => [entry.file, entry.reason.split(";")[0]])).toEqual([
        [fifo, "is a named pipe (FIFO), not a regular file"],
      ]);
    },
    CLI_TEST_TIMEOUT_MS,
  );
});

describe("watchfloor change-windows import given a FIFO", () => {
  it(
    "exits 2 naming the FIFO",
    async () => {
      const fifo = mkfifo(join(mkdtempSync(join(tmpdir(), "watchfloor-cli-fifo-")), "windows.csv"));
      const { code, stderr } = await runCli(["change-windows", "import", fifo], { DATABASE_URL: database.url() });
      expect(code).toBe(2);
      expect(stderr.trim()).toBe(
        `${fifo} is a named pipe (FIFO), not a regular file; only regular files are read. Copy its data into a regular file and give that file instead`,
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );
});
