import { describe, expect, it } from "vitest";

import { measureResponseTimes } from "./incident-metrics";

const at = (iso: string) => new Date(iso);

describe("measureResponseTimes", () => {
  it("compares whole seconds", () => {
    const times = measureResponseTimes({
      firstMaliciousAt: at("2026-11-17T02:14:05Z"),
      firstAlertAt: at("2026-11-17T02:14:40.512Z"),
      escalatedAt: null,
      containedAt: at("2026-11-17T02:27:55Z"),
      resolvedAt: null,
    });
    expect(times.timeToDetect.seconds).toBe(35);
    expect(times.timeToContain.seconds).toBe(795);
    expect(times.timeToEscalate).toEqual({ seconds: null, reason: "not escalated", from: "2026-11-17T02:14:40.512Z", to: null });
  });

  it("rejects a negative interval", () => {
    const times = measureResponseTimes({
      firstMaliciousAt: null,
      firstAlertAt: at("2026-11-17T02:14:40Z"),
      escalatedAt: null,
      containedAt: at("2026-11-17T02:10:00Z"),
      resolvedAt: null,
    });
    expect(times.timeToContain).toMatchObject({ seconds: null, reason: "contained before the first alert" });
    expect(times.timeToDetect.reason).toBe("no attack event or signal is stored for this incident");
  });

  it("needs an alert", () => {
    const times = measureResponseTimes({
      firstMaliciousAt: null,
      firstAlertAt: null,
      escalatedAt: at("2026-11-17T02:20:00Z"),
      containedAt: null,
      resolvedAt: null,
    });
    expect(times.timeToEscalate).toMatchObject({ seconds: null, reason: "the incident has no signal" });
  });
});
