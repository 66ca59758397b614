import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";

import type { Actor, Role } from "./actor";
import { emailSchema } from "./auth-schemas";
import { createUser } from "./create-user";
import type { SignedInUser } from "./sign-in-with-password";
import { toRole } from "./user-summary";

export interface ResolveSsoUserOptions {
  /** The `email` claim of the identity provider. */
  email: string | null | undefined;
  /** The `email_verified` claim; only `false` rejects, because many providers omit it for managed accounts. */
  emailVerified: boolean | undefined;
  name: string | null | undefined;
  /** Role for an email without a user; null rejects such emails. */
  defaultRole: Role | null;
}

export type SsoUserResult =
  | { ok: true; user: SignedInUser; created: boolean }
  | { ok: false; reason: "no_email" | "email_unverified" | "no_user" | "disabled" };

const SSO_ACTOR: Actor = { type: "system", id: null, label: "oidc", role: "admin" };

/**
 * Matches an OpenID Connect sign-in to a user by email. An email with no
 * user is rejected unless a default role is configured, in which case the
 * user is created with that role and no password.
 */
export async function resolveSsoUser(options: ResolveSsoUserOptions): Promise<SsoUserResult> {
  const parsed = emailSchema.safeParse(options.email ?? "");
  if (!parsed.success) {
    return { ok: false, reason: "no_email" };
  }
  if (options.emailVerified === false) {
    return { ok: false, reason: "email_unverified" };
  }
  const email = parsed.data;
  let created = false;
  let user = await db().user.findUnique({ where: { email } });
  if (!user && options.defaultRole) {
    created = await createSsoUser(email, options.name ?? null, options.defaultRole);
    user = await db().user.findUnique({ where: { email } });
  }
  if (!user) {
    logger.info({ email }, "SSO sign-in rejected: no user with this email");
    return { ok: false, reason: "no_user" };
  }
  if (user.disabled) {
    return { ok: false, reason: "disabled" };
  }
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { ok: true, created, user: { id: user.id, email: user.email, name: user.name, role: toRole(user.role) } };
}

/** Creates the user; returns false when a parallel sign-in created it first. */
async function createSsoUser(email: string, name: string | null, role: Role): Promise<boolean> {
  try {
    await createUser({ actor: SSO_ACTOR, email, name: name?.trim() ? name.trim().slice(0, 200) : null, role, password: null, via: "oidc" });
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.code === "conflict") {
      return false;
    }
    throw error;
  }
}
