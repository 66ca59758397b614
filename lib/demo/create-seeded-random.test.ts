import { describe, expect, it } from "vitest";

import { createSeededRandom } from "./create-seeded-random";

function draw(seed: number, stream: string, count = 8): number[] {
  const random = createSeededRandom(seed, stream);
  return Array.from({ length: count }, () => random.next());
}

describe("createSeededRandom", () => {
  it("repeats a sequence for the same seed and stream", () => {
    expect(draw(7, "ci-deploy")).toEqual(draw(7, "ci-deploy"));
  });

  it("differs between streams", () => {
    expect(draw(7, "ci-deploy")).not.toEqual(draw(7, "console"));
  });

  it("differs between seeds", () => {
    expect(draw(7, "ci-deploy")).not.toEqual(draw(8, "ci-deploy"));
  });

  it("keeps floats in [0, 1)", () => {
    for (const value of draw(3, "range", 1000)) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });

  it("keeps integers within both bounds", () => {
    const random = createSeededRandom(3, "int");
    const values = new Set(Array.from({ length: 500 }, () => random.int(2, 4)));
    expect([...values].sort()).toEqual([2, 3, 4]);
  });

  it("builds version 4 UUIDs", () => {
    const random = createSeededRandom(3, "uuid");
    for (let index = 0; index < 50; index += 1) {
      expect(random.uuid()).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });

  it("draws base32 characters only", () => {
    expect(createSeededRandom(3, "key").base32(200)).toMatch(/^[A-Z2-7]{200}$/);
  });

  it("shuffles in place without losing items", () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = createSeededRandom(3, "shuffle").shuffle(items);
    expect(shuffled).toBe(items);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("rejects picking from an empty list", () => {
    expect(() => createSeededRandom(3, "pick").pick([])).toThrow("Cannot pick from an empty list");
  });
});
