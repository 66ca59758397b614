import { describe, expect, it } from "vitest";

import { forEachConcurrently } from "./for-each-concurrently";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("forEachConcurrently", () => {
  it("runs every item once", async () => {
    const seen: number[] = [];
    await forEachConcurrently([1, 2, 3, 4, 5], 2, async (item) => {
      await tick();
      seen.push(item);
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("keeps at most the limit in flight", async () => {
    let running = 0;
    let most = 0;
    await forEachConcurrently(Array.from({ length: 10 }, (_, index) => index), 3, async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    });
    expect(most).toBe(3);
  });

  it("starts items in order", async () => {
    const started: number[] = [];
    await forEachConcurrently([0, 1, 2, 3], 2, async (_item, index) => {
      started.push(index);
      await tick();
    });
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it("throws the first failure after running tasks settle", async () => {
    const finished: number[] = [];
    const run = forEachConcurrently([0, 1, 2, 3], 2, async (item) => {
      if (item === 0) {
        throw new Error("item 0 failed");
      }
      await tick();
      finished.push(item);
    });
    await expect(run).rejects.toThrow("item 0 failed");
    expect(finished).toEqual([1]);
  });
});
