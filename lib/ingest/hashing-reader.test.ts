import { createHash } from "node:crypto";

import { describe, expect, it } from "vitest";

import { HashingReader } from "./hashing-reader";

async function* chunks(parts: string[], failAfter?: number): AsyncGenerator<Buffer> {
  for (const [i, part] of parts.entries()) {
    if (i === failAfter) {
      throw new Error("disk went away");
    }
    yield Buffer.from(part);
  }
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

describe("HashingReader", () => {
  it("hashes what the consumer reads", async () => {
    const reader = new HashingReader(chunks(["ab", "cd", "ef"]));
    let text = "";
    for await (const chunk of reader.stream()) {
      text += String(chunk);
    }
    expect(text).toBe("abcdef");
    expect(reader.digest()).toBe(sha("abcdef"));
    expect(reader.bytes).toBe(6);
  });

  it("drains what a consumer left", async () => {
    const reader = new HashingReader(chunks(["ab", "cd", "ef", "gh"]));
    for await (const chunk of reader.stream()) {
      expect(String(chunk)).toBe("ab");
      break;
    }
    expect(reader.digest()).toBeNull();
    await reader.drain();
    expect(reader.digest()).toBe(sha("abcdefgh"));
  });

  it("has no digest after a source error", async () => {
    const reader = new HashingReader(chunks(["ab", "cd"], 1));
    await expect(async () => {
      for await (const _chunk of reader.stream()) {
        // read to the error
      }
    }).rejects.toThrow("disk went away");
    await reader.drain();
    expect(reader.complete).toBe(false);
    expect(reader.digest()).toBeNull();
    expect((reader.error as Error).message).toBe("disk went away");
  });
});
