import { describe, expect, it } from "vitest";

import { decodeSignInError, describeSignInError, encodeRateLimited } from "./sign-in-error";

const NOW = new Date("2026-11-17T10:00:00Z");

describe("sign-in errors", () => {
  it("round-trips a rate limit", () => {
    const retryAt = new Date("2026-11-17T10:12:30Z");
    expect(decodeSignInError(encodeRateLimited("email", retryAt))).toEqual({
      code: "rate_limited",
      scope: "email",
      retryAt,
    });
  });

  it("describes a rate limit with the retry time", () => {
    const error = decodeSignInError(encodeRateLimited("email", new Date("2026-11-17T10:12:30Z")));
    expect(error).not.toBeNull();
    expect(describeSignInError(error ?? { code: "unknown" }, NOW)).toBe(
      "Too many failed sign-in attempts for this email. Try again in 13 minutes, after 10:13 UTC.",
    );
  });

  it("describes an address limit", () => {
    const error = decodeSignInError(encodeRateLimited("address", new Date("2026-11-17T10:00:20Z")));
    expect(error).not.toBeNull();
    expect(describeSignInError(error ?? { code: "unknown" }, NOW)).toBe(
      "Too many failed sign-in attempts from your network address. Try again in 1 minute, after 10:01 UTC.",
    );
  });

  it("maps next-auth codes", () => {
    expect(decodeSignInError("CredentialsSignin")).toEqual({ code: "invalid_credentials" });
    expect(decodeSignInError("OAuthCallback")).toEqual({ code: "sso_failed" });
    expect(decodeSignInError("disabled")).toEqual({ code: "disabled" });
    expect(decodeSignInError("rate_limited:nowhere:1")).toEqual({ code: "unknown" });
    expect(decodeSignInError("")).toBeNull();
    expect(decodeSignInError(null)).toBeNull();
  });

  it("names the wrong password", () => {
    expect(describeSignInError({ code: "invalid_credentials" }, NOW)).toBe("Wrong email or password.");
  });
});
