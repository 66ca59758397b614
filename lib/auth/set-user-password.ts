import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import type { Actor } from "./actor";
import { passwordSchema } from "./auth-schemas";
import { findUserForUpdate, type UserRef } from "./find-user";
import { hashPassword } from "./hash-password";
import { requireValid } from "./require-valid";
import { toUserSummary, type UserSummary } from "./user-summary";

export interface SetUserPasswordOptions {
  actor: Actor;
  user: UserRef;
  password: string;
}

/**
 * Replaces a user's password.
 *
 * NOTE: sessions are signed tokens, so sessions opened with the old password
 * stay valid until they expire; disable the user to end them at once.
 */
export async function setUserPassword(options: SetUserPasswordOptions): Promise<UserSummary> {
  const password = requireValid(passwordSchema, options.password, "password");
  const passwordHash = await hashPassword(password);
  const user = await db().$transaction(async (tx) => {
    const current = await findUserForUpdate(tx, options.user);
    const updated = await tx.user.update({ where: { id: current.id }, data: { passwordHash } });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "user.password_set",
      targetType: "user",
      targetId: current.id,
      details: { email: current.email },
    });
    return updated;
  });
  logger.info({ userId: user.id, actor: options.actor.label }, "user password set");
  return toUserSummary(user);
}
