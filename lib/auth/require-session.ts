import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";

import { loginPath } from "./callback-path";
import { loadSessionUser, type SessionLookup, type SessionUser } from "./load-session-user";
import { hasPermission, type Permission } from "./permissions";
import { REQUEST_PATH_HEADER } from "./request-path-header";
import { decodeSessionCookie } from "./session-cookie";

export type PageSession = SessionLookup | { status: "signed_out" };

/**
 * Reads the session of the current request in a server component, layout or
 * server action, once per request: the cookie's user, re-read from `users`.
 */
export const readPageSession = cache(async (): Promise<PageSession> => {
  const cookieStore = await cookies();
  const claims = await decodeSessionCookie(cookieStore.getAll());
  if (!claims) {
    return { status: "signed_out" };
  }
  return loadSessionUser(claims.userId);
});

/**
 * Returns the signed-in user, or redirects to /login with the current page
 * as `callbackUrl`. Pages call it before loading data: proxy.ts redirects
 * requests without a valid session cookie, but it cannot see a user who was
 * disabled after signing in.
 */
export async function requireSession(): Promise<SessionUser> {
  const session = await readPageSession();
  if (session.status === "signed_in") {
    return session.user;
  }
  const callbackPath = (await headers()).get(REQUEST_PATH_HEADER);
  let error: string | undefined;
  if (session.status === "revoked") {
    error = session.reason === "disabled" ? "disabled" : "session_ended";
  }
  redirect(loginPath({ callbackPath, error }));
}

/** Like requireSession, and renders app/forbidden.tsx (HTTP 403) when the user's role lacks `permission`. */
export async function requirePermission(permission: Permission): Promise<SessionUser> {
  const user = await requireSession();
  if (!hasPermission(user.role, permission)) {
    forbidden();
  }
  return user;
}
