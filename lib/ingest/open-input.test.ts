import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  describeStoppedInput,
  InputError,
  openInput,
  openInputBuffer,
  openInputStream,
  readAll,
} from "@/lib/ingest/open-input";
import { splitJsonRecords } from "@/lib/ingest/split-json-records";

import { makeAssumedRoleRecord, makeDeliveryFile } from "@/lib/sources/cloudtrail/fixtures/records";

let dir: string;
const document = makeDeliveryFile([0, 1, 2, 3].map((n) => makeAssumedRoleRecord(n)));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "watchfloor-open-input-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(name: string, body: Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, body);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("openInput", () => {
  it("reads a plain file as is", async () => {
    const path = await put("plain.json", document);
    const input = await openInput({ path });
    expect(input.compressed).toBe(false);
    expect(input.bytes).toBe(document.length);
    expect((await readAll(input)).equals(document)).toBe(true);
  });

  it("detects gzip by magic bytes whatever the name", async () => {
    const path = await put("misnamed.json", gzipSync(document));
    const input = await openInput({ path });
    expect(input.compressed).toBe(true);
    expect((await readAll(input)).equals(document)).toBe(true);
  });

  it("treats a .gz name holding plain text as plain", async () => {
    const path = await put("not-really.json.gz", document);
    const input = await openInput({ path });
    expect(input.compressed).toBe(false);
  });

  it("reads every member of a multi-member gzip", async () => {
    const middle = Math.floor(document.length / 2);
    const twoMembers = Buffer.concat([
      gzipSync(document.subarray(0, middle)),
      gzipSync(document.subarray(middle)),
    ]);
    const path = await put("two-members.json.gz", twoMembers);
    const input = await openInput({ path });
    const ids: string[] = [];
    for await (const element of splitJsonRecords(input.stream)) {
      ids.push((JSON.parse(element.bytes.toString()) as { eventID: string }).eventID);
    }
    expect(ids).toEqual([0, 1, 2, 3].map((n) => makeAssumedRoleRecord(n).eventID));
  });

  it("stops a gzip bomb at the limit and names the file", async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(100_000);
    const path = await put("bomb.json.gz", bomb);
    const input = await openInput({ path, maxDecompressedBytes: 1024 * 1024 });
    const error = await failure(readAll(input));
    expect(error.code).toBe("too-large");
    expect(error.message).toContain(path);
    expect(error.message).toContain("1 MiB (1048576 bytes)");
  });

  it("reports truncated gzip as an error, not a hang", async () => {
    const gz = gzipSync(document);
    const path = await put("truncated.json.gz", gz.subarray(0, gz.length - 20));
    const input = await openInput({ path });
    const error = await failure(readAll(input));
    expect(error.code).toBe("corrupt-gzip");
    expect(error.message).toMatch(/^gzip data in .*truncated\.json\.gz is truncated/);
  });

  it("says what to do after a truncated gzip", async () => {
    const gz = gzipSync(document);
    const input = openInputBuffer({ body: gz.subarray(0, gz.length - 20), label: "cut.json.gz" });
    const error = await failure(readAll(input));
    expect(error.dataComplete).toBe(false);
    expect(describeStoppedInput(error)).toBe(
      `${error.message}. Stopped reading the file. The records read before the damage are stored. ` +
        "Copy the file again from its source and ingest it again, which stores only the records that are missing.",
    );
  });

  it("marks the data whole when only the gzip trailer is missing", async () => {
    const gz = gzipSync(document);
    const input = openInputBuffer({ body: gz.subarray(0, gz.length - 8), label: "no-trailer.json.gz" });
    const received: Buffer[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of input.stream) {
          received.push(chunk as Buffer);
        }
      })(),
    );
    expect(Buffer.concat(received).equals(document)).toBe(true);
    expect(error.dataComplete).toBe(true);
    expect(describeStoppedInput(error)).toBe(
      `${error.message}. The records read before the damage are stored. ` +
        "Copy the file again from its source and ingest it again, which stores only the records that are missing.",
    );
  });

  it("keeps what gunzip produced before a truncated end", async () => {
    const text = Buffer.from("x".repeat(3_000));
    const gz = gzipSync(text);
    // Without the size in the trailer, gunzip inflates all the text and then fails.
    const path = await put("unread-truncated.json.gz", gz.subarray(0, gz.length - 4));
    const input = await openInput({ path });
    // The reader starts after gunzip has failed, with its output still buffered.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const received: Buffer[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of input.stream) {
          received.push(chunk as Buffer);
        }
      })(),
    );
    expect(error.code).toBe("corrupt-gzip");
    expect(Buffer.concat(received).equals(text)).toBe(true);
  });

  it("reports a corrupt gzip body", async () => {
    const gz = Buffer.from(gzipSync(document));
    gz.fill(0xff, 12, 40);
    const input = openInputBuffer({ body: gz, label: "upload.gz" });
    const error = await failure(readAll(input));
    expect(error.code).toBe("corrupt-gzip");
    expect(error.message).toContain("upload.gz");
  });

  it("reads an empty file", async () => {
    const path = await put("empty.json", Buffer.alloc(0));
    const input = await openInput({ path });
    expect(input.compressed).toBe(false);
    expect((await readAll(input)).length).toBe(0);
  });
});

describe("openInputBuffer and openInputStream", () => {
  it("decompresses an in-memory body", async () => {
    const input = openInputBuffer({ body: gzipSync(document), label: "body" });
    expect(input.compressed).toBe(true);
    expect((await readAll(input)).equals(document)).toBe(true);
  });

  it("applies the limit to plain bodies too", async () => {
    const input = openInputBuffer({ body: document, label: "body", maxDecompressedBytes: 100 });
    const error = await failure(readAll(input));
    expect(error.code).toBe("too-large");
    expect(error.message).toContain("body is more than the limit of 100 bytes");
  });

  it("sniffs gzip on a stream whose first chunk is one byte", async () => {
    const gz = gzipSync(document);
    const chunks = [gz.subarray(0, 1), gz.subarray(1, 5), gz.subarray(5)];
    const input = await openInputStream({ stream: Readable.from(chunks), label: "upload" });
    expect(input.compressed).toBe(true);
    expect((await readAll(input)).equals(document)).toBe(true);
  });

  it("passes a plain stream through", async () => {
    const input = await openInputStream({ stream: Readable.from([document]), label: "upload" });
    expect(input.compressed).toBe(false);
    expect((await readAll(input)).equals(document)).toBe(true);
  });
});
