import type { OAuthConfig } from "next-auth/providers/oauth";

import { OIDC_PROVIDER_ID, type OidcConfig } from "./oidc-config";

/** The standard OpenID Connect claims Watchfloor reads. */
export interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

/**
 * Builds an OpenID Connect provider from the issuer's discovery document,
 * with PKCE and state checks and the ID token's claims as the profile.
 */
export function oidcProvider(config: OidcConfig): OAuthConfig<OidcProfile> {
  return {
    id: OIDC_PROVIDER_ID,
    name: "SSO",
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.preferred_username ?? null,
      };
    },
  };
}
