import { z } from "zod";

import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { isRole, type Actor, type Role } from "./actor";

/** The signed-in user as pages show it, read from `users` on every request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  actor: Actor;
}

export type SessionLookup =
  | { status: "signed_in"; user: SessionUser }
  /** The session is valid but its user is disabled, deleted, or has an unknown role. */
  | { status: "revoked"; reason: "disabled" | "missing" | "invalid_role" };

/**
 * Reads the user a session token names. The role and the disabled flag come
 * from the database, not from the token, so that a role change or a disable
 * applies to the user's next request instead of when the session expires.
 */
export async function loadSessionUser(userId: string): Promise<SessionLookup> {
  if (!z.guid().safeParse(userId).success) {
    return { status: "revoked", reason: "missing" };
  }
  const user = await db().user.findUnique({ where: { id: userId } });
  if (!user) {
    return { status: "revoked", reason: "missing" };
  }
  if (user.disabled) {
    return { status: "revoked", reason: "disabled" };
  }
  if (!isRole(user.role)) {
    logger.error({ userId, role: user.role }, "user has a role Watchfloor does not know; treating the session as signed out");
    return { status: "revoked", reason: "invalid_role" };
  }
  const actor: Actor = { type: "user", id: user.id, label: user.email, role: user.role };
  return { status: "signed_in", user: { id: user.id, email: user.email, name: user.name, role: user.role, actor } };
}
