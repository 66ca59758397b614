import { getToken } from "next-auth/jwt";

/**
 * Reading next-auth's session cookie. This module imports neither the
 * database nor the logger, because proxy.ts uses it too.
 */

/** Session lifetime in seconds: a session ends 12 hours after sign-in, one working shift. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The claims Watchfloor reads from a session token. */
export interface SessionClaims {
  /** users.id */
  userId: string;
}

/**
 * Returns whether cookies get the `Secure` flag and the `__Secure-` name.
 * next-auth decides it the same way, from an https NEXTAUTH_URL.
 */
export function secureCookiesEnabled(): boolean {
  return process.env.NEXTAUTH_URL?.startsWith("https://") ?? false;
}

export function sessionCookieName(): string {
  return secureCookiesEnabled() ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

const silentLogger = { error: () => undefined, warn: () => undefined, debug: () => undefined };

type CookieInput = Array<{ name: string; value: string }> | Record<string, string>;

/**
 * Decrypts the session cookie (next-auth splits a large one into `.0`,
 * `.1`, ... chunks) and returns its claims, or null when it is missing,
 * expired, or not sealed with NEXTAUTH_SECRET.
 */
export async function decodeSessionCookie(cookies: CookieInput): Promise<SessionClaims | null> {
  const cookieMap = Array.isArray(cookies) ? Object.fromEntries(cookies.map((c) => [c.name, c.value])) : cookies;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret || !Object.keys(cookieMap).some((name) => name.startsWith(sessionCookieName()))) {
    return null;
  }
  // getToken reads only `cookies` and `headers` of `req`. Empty headers keep it
  // from taking an `Authorization: Bearer` value for a session token.
  const token = await getToken({
    req: { cookies: cookieMap, headers: {} } as unknown as Parameters<typeof getToken>[0]["req"],
    secret,
    secureCookie: secureCookiesEnabled(),
    logger: silentLogger,
  });
  const userId = typeof token?.sub === "string" ? token.sub : null;
  return userId ? { userId } : null;
}

/** Parses a `Cookie` request header into name/value pairs; a malformed escape keeps its raw text. */
export function parseCookieHeader(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator <= 0) {
      continue;
    }
    const name = part.slice(0, separator).trim();
    const raw = part.slice(separator + 1).trim();
    try {
      cookies[name] = decodeURIComponent(raw);
    } catch {
      cookies[name] = raw;
    }
  }
  return cookies;
}
