import { isRole, ROLES, type Role } from "./actor";

/** The provider id of the OpenID Connect sign-in, used in `/api/auth/signin/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Role for SSO users who have no row in `users` yet; null rejects them. */
  defaultRole: Role | null;
}

/**
 * Reads the OpenID Connect settings from WATCHFLOOR_OIDC_ISSUER,
 * WATCHFLOOR_OIDC_CLIENT_ID, WATCHFLOOR_OIDC_CLIENT_SECRET and
 * WATCHFLOOR_OIDC_DEFAULT_ROLE. Returns null when the first three are not
 * all set; throws on an invalid issuer URL or default role.
 */
export function readOidcConfig(env: Record<string, string | undefined> = process.env): OidcConfig | null {
  const issuer = env.WATCHFLOOR_OIDC_ISSUER?.trim();
  const clientId = env.WATCHFLOOR_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.WATCHFLOOR_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) {
    return null;
  }
  if (!URL.canParse(issuer) || !/^https?:$/.test(new URL(issuer).protocol)) {
    throw new Error(`WATCHFLOOR_OIDC_ISSUER "${issuer}" is not an http(s) URL; set it to the issuer URL of your identity provider.`);
  }
  const role = env.WATCHFLOOR_OIDC_DEFAULT_ROLE?.trim();
  if (role && !isRole(role)) {
    throw new Error(`WATCHFLOOR_OIDC_DEFAULT_ROLE "${role}" is not a role; use one of ${ROLES.join(", ")}, or unset it.`);
  }
  return { issuer: issuer.replace(/\/+$/, ""), clientId, clientSecret, defaultRole: role ? (role as Role) : null };
}
