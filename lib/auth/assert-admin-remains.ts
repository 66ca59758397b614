import { ApiError } from "@/lib/api/api-error";
import type { User } from "@/lib/generated/prisma/client";
import type { Transaction } from "@/lib/response/audit/append-audit-entry";

// Serialises changes that could remove the last enabled admin, so that two
// concurrent demotions cannot each see the other admin still in place.
const ADMIN_CHANGE_LOCK = 7_250_021;

/**
 * Throws `conflict` when `user` is the last enabled admin, because without
 * an enabled admin, users and tokens can be managed only through the CLI.
 */
export async function assertAdminRemains(tx: Transaction, user: User): Promise<void> {
  if (user.role !== "admin" || user.disabled) {
    return;
  }
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_CHANGE_LOCK})`;
  const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: user.id } } });
  if (others === 0) {
    throw new ApiError(
      "conflict",
      `${user.email} is the only enabled admin. Add or enable another admin first (\`watchfloor users add --role admin EMAIL\`).`,
    );
  }
}
