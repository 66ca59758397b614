import { describe, expect, it } from "vitest";

import { baselineHref, dimensionLabel } from "./baseline-link";

describe("baselineHref", () => {
  it("links the judged value", () => {
    const href = baselineHref({
      dimension: "ip",
      value: "85.17.31.122",
      verdict: "new",
      valueFirstSeen: "2026-11-17T02:14:05.000Z",
      principalFirstSeen: "2026-11-10T13:02:16.000Z",
      principalKey: "arn:aws:iam::111122223333:user/service/reports-svc",
      at: "2026-11-17T02:16:31.000Z",
      owner: null,
    });
    expect(href).toBe(
      "/principals/arn%3Aaws%3Aiam%3A%3A111122223333%3Auser%2Fservice%2Freports-svc" +
        "?until=2026-11-17T02%3A16%3A31.000Z&dimension=ip&value=85.17.31.122#baseline-ip",
    );
  });
});

describe("dimensionLabel", () => {
  it("names the ASN dimension", () => {
    expect(dimensionLabel("asn")).toBe("ASN");
  });
});
