import { describe, expect, it } from "vitest";

import { loginPath, safeCallbackPath } from "./callback-path";

describe("safeCallbackPath", () => {
  it.each([
    ["/incidents/abc?tab=timeline", "/incidents/abc?tab=timeline"],
    ["/admin/users", "/admin/users"],
    ["/", "/"],
  ])("keeps local path %s", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it.each([
    ["https://evil.example/"],
    ["//evil.example/path"],
    ["/\\evil.example"],
    ["/\t/evil.example"],
    ["javascript:alert(1)"],
    ["incidents"],
    ["/login?callbackUrl=/x"],
    ["/api/admin/users"],
    [""],
    [null],
  ])("rejects %s", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
});

describe("loginPath", () => {
  it("carries the callback and error", () => {
    expect(loginPath({ callbackPath: "/incidents/1?x=1", error: "disabled" })).toBe(
      "/login?callbackUrl=%2Fincidents%2F1%3Fx%3D1&error=disabled",
    );
  });

  it("omits the root callback", () => {
    expect(loginPath({ callbackPath: "/" })).toBe("/login");
  });
});
