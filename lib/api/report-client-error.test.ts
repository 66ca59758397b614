import { describe, expect, it } from "vitest";

import { reportClientError } from "./report-client-error";

describe("reportClientError", () => {
  it("logs repeats at powers of ten", () => {
    const report = { route: "/incidents/x", message: "render failed", digest: "123" };
    const logged: number[] = [];
    for (let count = 1; count <= 120; count += 1) {
      if (reportClientError(report)) {
        logged.push(count);
      }
    }
    expect(logged).toEqual([1, 10, 100]);
  });

  it("counts errors separately", () => {
    expect(reportClientError({ route: "/", message: "first" })).toBe(true);
    expect(reportClientError({ route: "/", message: "second" })).toBe(true);
    expect(reportClientError({ route: "/", message: "first" })).toBe(false);
    expect(reportClientError({ route: "/other", message: "first" })).toBe(true);
  });
});
