import type { AuthOptions, CallbacksOptions } from "next-auth";

import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import type { Role } from "./actor";
import { credentialsProvider } from "./credentials-provider";
import { OIDC_PROVIDER_ID, readOidcConfig } from "./oidc-config";
import { oidcProvider, type OidcProfile } from "./oidc-provider";
import { resolveSsoUser } from "./resolve-sso-user";
import { secureCookiesEnabled, SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { toRole } from "./user-summary";

const log = logger.child({ component: "next-auth" });

/**
 * next-auth's configuration: email and password, plus OpenID Connect when
 * WATCHFLOOR_OIDC_* is set. Sessions are encrypted JWTs in a cookie that
 * name the user; each request reads the user's role again from `users`.
 */
export function buildAuthOptions(): AuthOptions {
  const oidc = readOidcConfig();
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookiesEnabled(),
    pages: { signIn: "/login", error: "/login" },
    providers: oidc ? [credentialsProvider(), oidcProvider(oidc)] : [credentialsProvider()],
    callbacks: { signIn: signInCallback(oidc?.defaultRole ?? null), jwt: jwtCallback, session: sessionCallback },
    logger: {
      error: (code, metadata) => log.error({ code, err: metadata }, "next-auth error"),
      warn: (code) => log.warn({ code }, "next-auth warning"),
      // next-auth's debug output contains tokens and profile claims.
      debug: () => undefined,
    },
  };
}

const SSO_ERROR_CODES = { disabled: "disabled", no_user: "sso_no_user" } as const;

function signInCallback(defaultRole: Role | null): CallbacksOptions["signIn"] {
  return async ({ user, account, profile }) => {
    if (account?.provider !== OIDC_PROVIDER_ID) {
      return true;
    }
    const claims = profile as OidcProfile | undefined;
    const result = await resolveSsoUser({
      email: claims?.email ?? user.email,
      emailVerified: claims?.email_verified,
      name: user.name,
      defaultRole,
    });
    if (result.ok) {
      return true;
    }
    log.info({ reason: result.reason }, "SSO sign-in rejected");
    const code = result.reason === "disabled" || result.reason === "no_user" ? SSO_ERROR_CODES[result.reason] : "sso_failed";
    return `/login?error=${code}`;
  };
}

/**
 * Puts the Watchfloor user id in `sub`. For credentials, `user` is the row
 * that `authorize` returned. For SSO it is the identity provider's profile,
 * so the user is found by the email that the sign-in callback accepted.
 */
const jwtCallback: CallbacksOptions["jwt"] = async ({ token, user, account }) => {
  if (!account || !user) {
    return token;
  }
  if (account.provider === OIDC_PROVIDER_ID) {
    const email = user.email?.trim().toLowerCase() ?? "";
    const row = await db().user.findUniqueOrThrow({ where: { email } });
    return { ...token, sub: row.id, email: row.email, name: row.name, role: toRole(row.role) };
  }
  return { ...token, sub: user.id, email: user.email, name: user.name, role: user.role };
};

// The session object serves display only: authorization reads the role from
// `users` on each request. A token without a role shows the read-only one.
const sessionCallback: CallbacksOptions["session"] = async ({ session, token }) => ({
  ...session,
  user: {
    id: token.sub ?? "",
    email: token.email ?? "",
    name: token.name ?? null,
    role: token.role ?? "manager",
  },
});
