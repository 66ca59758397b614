import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import type { Actor, Role } from "./actor";
import { assertAdminRemains } from "./assert-admin-remains";
import { roleSchema } from "./auth-schemas";
import { findUserForUpdate, type UserRef } from "./find-user";
import { requireValid } from "./require-valid";
import { toUserSummary, type UserSummary } from "./user-summary";

export interface SetUserRoleOptions {
  actor: Actor;
  user: UserRef;
  role: Role;
}

/**
 * Changes a user's role. The change applies to the user's next request,
 * because every request reads the role from `users` again.
 */
export async function setUserRole(options: SetUserRoleOptions): Promise<UserSummary> {
  const role = requireValid(roleSchema, options.role, "role");
  const user = await db().$transaction(async (tx) => {
    const current = await findUserForUpdate(tx, options.user);
    if (current.role === role) {
      return current;
    }
    if (role !== "admin") {
      await assertAdminRemains(tx, current);
    }
    const updated = await tx.user.update({ where: { id: current.id }, data: { role } });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "user.role_changed",
      targetType: "user",
      targetId: current.id,
      details: { email: current.email, from: current.role, to: role },
    });
    logger.info({ userId: current.id, from: current.role, to: role, actor: options.actor.label }, "user role changed");
    return updated;
  });
  return toUserSummary(user);
}
