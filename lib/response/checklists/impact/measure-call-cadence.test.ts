import { describe, expect, it } from "vitest";

import { measureCallCadence } from "./measure-call-cadence";

const MINUTE = 60_000;

describe("measureCallCadence", () => {
  it("finds a 15-minute job", () => {
    const times: number[] = [];
    for (let day = 0; day < 3; day += 1) {
      for (let run = 0; run < 36; run += 1) {
        const start = day * 24 * 60 * MINUTE + run * 15 * MINUTE + (run % 3) * 10_000;
        times.push(start, start + 2_000, start + 5_000);
      }
    }
    const cadence = measureCallCadence(times);
    expect(cadence.bursts).toBe(108);
    expect(cadence.medianIntervalSeconds).toBe(910);
    expect(cadence.regularShare).toBe(0.98);
    expect(cadence.steady).toBe(true);
  });

  it("rejects irregular use", () => {
    const times = [0, 7, 9, 40, 41, 200, 207, 500, 530, 1300, 1400, 2900].map((minute) => minute * MINUTE);
    const cadence = measureCallCadence(times);
    expect(cadence.steady).toBe(false);
  });

  it("handles one call", () => {
    expect(measureCallCadence([5])).toEqual({ calls: 1, bursts: 1, medianIntervalSeconds: null, regularShare: 0, steady: false });
  });
});
