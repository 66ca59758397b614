import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { openInput, readAll } from "./open-input";
import { NotRegularFileError, openRegularFile } from "./open-regular-file";
import { prepareIngestInput } from "./prepare-ingest-input";

/** Opening a FIFO with no writer blocks for ever unless the open is non-blocking. */
const FIFO_TEST_TIMEOUT_MS = 5_000;

const dir = mkdtempSync(join(tmpdir(), "watchfloor-regular-file-"));
const fifo = join(dir, "events.json");
execFileSync("mkfifo", [fifo]);

describe("openRegularFile", () => {
  it(
    "rejects a FIFO without waiting for a writer",
    async () => {
      const error = await openRegularFile(fifo).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotRegularFileError);
      expect((error as Error).message).toBe(
        `${fifo} is a named pipe (FIFO), not a regular file; only regular files are read. ` +
          "Copy its data into a regular file and give that file instead",
      );
    },
    FIFO_TEST_TIMEOUT_MS,
  );

  it("rejects a folder", async () => {
    await expect(openRegularFile(dir)).rejects.toThrow(`${dir} is a folder, not a regular file`);
  });

  it("opens a regular file with its size", async () => {
    const path = join(dir, "plain.json");
    writeFileSync(path, "[]");
    const { handle, size } = await openRegularFile(path);
    await handle.close();
    expect(size).toBe(2);
  });
});

describe("readers given a FIFO", () => {
  it(
    "openInput rejects it",
    async () => {
      await expect(openInput({ path: fifo })).rejects.toBeInstanceOf(NotRegularFileError);
    },
    FIFO_TEST_TIMEOUT_MS,
  );

  it(
    "prepareIngestInput rejects it",
    async () => {
      const prepared = prepareIngestInput({ input: { type: "path", path: fifo }, maxDecompressedBytes: 1024 });
      await expect(prepared).rejects.toBeInstanceOf(NotRegularFileError);
    },
    FIFO_TEST_TIMEOUT_MS,
  );

  it("openInput still reads a regular file from its start", async () => {
    const path = join(dir, "records.json");
    writeFileSync(path, '{"Records":[]}');
    const input = await openInput({ path });
    expect((await readAll(input)).toString("utf8")).toBe('{"Records":[]}');
  });
});
