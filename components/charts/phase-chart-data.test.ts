import { describe, expect, it } from "vitest";

import { buildPhaseChartData } from "./phase-chart-data";

function phase(name: string, at: string) {
  return { phase: name, at, eventName: "Call", ruleId: `rule.${name}`, source: "cloudtrail" };
}

describe("buildPhaseChartData", () => {
  it("orders lanes by attack phase", () => {
    const data = buildPhaseChartData([
      phase("containment", "2026-11-17T02:27:14Z"),
      phase("detection", "2026-11-17T02:14:05Z"),
      phase("privilege_escalation", "2026-11-17T02:21:47Z"),
    ]);
    expect(data.lanes).toEqual(["detection", "privilege_escalation", "containment"]);
    expect(data.points.map((point) => point.lane)).toEqual([2, 0, 1]);
  });

  it("puts unknown phases last", () => {
    const data = buildPhaseChartData([
      phase("zeta", "2026-11-17T02:00:00Z"),
      phase("alpha", "2026-11-17T02:00:00Z"),
      phase("persistence", "2026-11-17T02:00:00Z"),
    ]);
    expect(data.lanes).toEqual(["persistence", "alpha", "zeta"]);
  });

  it("pads the time domain", () => {
    const data = buildPhaseChartData([
      phase("detection", "2026-11-17T02:00:00Z"),
      phase("containment", "2026-11-17T03:00:00Z"),
    ]);
    const first = Date.parse("2026-11-17T02:00:00Z");
    const last = Date.parse("2026-11-17T03:00:00Z");
    expect(data.domain).toEqual([first - 144_000, last + 144_000]);
  });

  it("pads a single point by a minute", () => {
    const data = buildPhaseChartData([phase("detection", "2026-11-17T02:00:00Z")]);
    const time = Date.parse("2026-11-17T02:00:00Z");
    expect(data.domain).toEqual([time - 60_000, time + 60_000]);
  });

  it("handles no signals", () => {
    expect(buildPhaseChartData([])).toEqual({ lanes: [], points: [], domain: [0, 1], ticks: [0], dayTicks: false });
  });

  it("ticks whole minutes around one minute of signals", () => {
    const data = buildPhaseChartData([phase("detection", "2026-11-17T10:01:10Z"), phase("persistence", "2026-11-17T10:01:40Z")]);
    expect(data.ticks.map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual(["10:01", "10:02"]);
    expect(data.dayTicks).toBe(false);
  });

  it("ticks at most eight times over hours", () => {
    const data = buildPhaseChartData([phase("detection", "2026-11-17T02:14:00Z"), phase("containment", "2026-11-17T09:50:00Z")]);
    expect(data.ticks.map((tick) => new Date(tick).toISOString().slice(11, 16))).toEqual(["02:00", "04:00", "06:00", "08:00", "10:00"]);
  });

  it("ticks days over weeks", () => {
    const data = buildPhaseChartData([phase("detection", "2026-11-01T00:30:00Z"), phase("containment", "2026-11-20T12:00:00Z")]);
    expect(data.dayTicks).toBe(true);
    expect(data.ticks.length).toBeLessThanOrEqual(8);
    expect(new Set(data.ticks.map((tick) => new Date(tick).toISOString().slice(5, 10))).size).toBe(data.ticks.length);
  });
});
