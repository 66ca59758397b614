import { logger } from "@/lib/log";

import type { Actor } from "./actor";
import { loadSessionUser } from "./load-session-user";
import { rejectCrossSiteRequest } from "./reject-cross-site-request";
import { decodeSessionCookie, parseCookieHeader } from "./session-cookie";
import { verifyApiToken } from "./verify-api-token";

/**
 * Returns who sent a request: the API token in `Authorization: Bearer`, or
 * else the user of the session cookie; null when neither is valid. A request
 * that sends an Authorization header is judged by it alone, so a bad token
 * is not rescued by a cookie. Throws `forbidden` for a cross-site
 * state-changing request that carries a session cookie.
 */
export async function resolveRequestActor(request: Request): Promise<Actor | null> {
  const authorization = request.headers.get("authorization");
  if (authorization !== null) {
    return resolveBearerToken(authorization);
  }
  const claims = await decodeSessionCookie(parseCookieHeader(request.headers.get("cookie")));
  if (!claims) {
    return null;
  }
  rejectCrossSiteRequest(request);
  const session = await loadSessionUser(claims.userId);
  if (session.status !== "signed_in") {
    logger.info({ userId: claims.userId, reason: session.reason }, "session no longer valid");
    return null;
  }
  return session.user.actor;
}

async function resolveBearerToken(authorization: string): Promise<Actor | null> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match?.[1]) {
    return null;
  }
  return verifyApiToken(match[1]);
}
