import { describe, expect, it } from "vitest";

import { readOidcConfig } from "./oidc-config";

const BASE = {
  WATCHFLOOR_OIDC_ISSUER: "https://idp.example.test/realms/soc/",
  WATCHFLOOR_OIDC_CLIENT_ID: "watchfloor",
  WATCHFLOOR_OIDC_CLIENT_SECRET: "s3cret",
};

describe("readOidcConfig", () => {
  it("is off unless all three are set", () => {
    expect(readOidcConfig({})).toBeNull();
    expect(readOidcConfig({ ...BASE, WATCHFLOOR_OIDC_CLIENT_SECRET: "" })).toBeNull();
  });

  it("reads the issuer and default role", () => {
    expect(readOidcConfig({ ...BASE, WATCHFLOOR_OIDC_DEFAULT_ROLE: "analyst" })).toEqual({
      issuer: "https://idp.example.test/realms/soc",
      clientId: "watchfloor",
      clientSecret: "s3cret",
      defaultRole: "analyst",
    });
  });

  it("rejects an unknown default role", () => {
    expect(() => readOidcConfig({ ...BASE, WATCHFLOOR_OIDC_DEFAULT_ROLE: "root" })).toThrow(
      'WATCHFLOOR_OIDC_DEFAULT_ROLE "root" is not a role',
    );
  });

  it("rejects an issuer that is not a URL", () => {
    expect(() => readOidcConfig({ ...BASE, WATCHFLOOR_OIDC_ISSUER: "idp.example.test" })).toThrow("is not an http(s) URL");
  });
});
