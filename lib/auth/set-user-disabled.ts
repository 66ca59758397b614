import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import type { Actor } from "./actor";
import { assertAdminRemains } from "./assert-admin-remains";
import { findUserForUpdate, type UserRef } from "./find-user";
import { toUserSummary, type UserSummary } from "./user-summary";

export interface SetUserDisabledOptions {
  actor: Actor;
  user: UserRef;
  disabled: boolean;
}

/**
 * Disables or enables a user. A disabled user cannot sign in, and a session
 * already open stops working at its next request. Setting the state the user
 * already has changes nothing and writes no audit entry.
 */
export async function setUserDisabled(options: SetUserDisabledOptions): Promise<UserSummary> {
  const user = await db().$transaction(async (tx) => {
    const current = await findUserForUpdate(tx, options.user);
    if (current.disabled === options.disabled) {
      return current;
    }
    if (options.disabled) {
      await assertAdminRemains(tx, current);
    }
    const updated = await tx.user.update({ where: { id: current.id }, data: { disabled: options.disabled } });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: options.disabled ? "user.disabled" : "user.enabled",
      targetType: "user",
      targetId: current.id,
      details: { email: current.email },
    });
    logger.info({ userId: current.id, disabled: options.disabled, actor: options.actor.label }, "user state changed");
    return updated;
  });
  return toUserSummary(user);
}
