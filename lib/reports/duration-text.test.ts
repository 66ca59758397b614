import { describe, expect, it } from "vitest";

import { formatClockMinute, formatDurationText, formatElapsedMinutes } from "./duration-text";

describe("formatDurationText", () => {
  it.each([
    [35, "35 s"],
    [795, "13 min 15 s"],
    [780, "13 min"],
    [7500, "2 h 5 min"],
    [3 * 86_400 + 4 * 3600 + 59, "3 d 4 h"],
    [-35, "-35 s"],
  ])("formats %i seconds", (seconds, text) => {
    expect(formatDurationText(seconds)).toBe(text);
  });
});

describe("formatElapsedMinutes", () => {
  it("counts whole minutes", () => {
    expect(formatElapsedMinutes(795)).toBe("13 minutes");
    expect(formatElapsedMinutes(60)).toBe("1 minute");
    expect(formatElapsedMinutes(35)).toBe("35 seconds");
  });
});

describe("formatClockMinute", () => {
  it("cuts to the minute", () => {
    expect(formatClockMinute("2026-11-17T02:14:40.512Z")).toBe("02:14");
  });
});
