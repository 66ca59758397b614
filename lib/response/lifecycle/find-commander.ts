import { ApiError } from "@/lib/api/api-error";
import type { Transaction } from "@/lib/response/audit/append-audit-entry";

export interface Commander {
  id: string;
  email: string;
  name: string | null;
}

/**
 * Reads the user to make incident commander. Only an enabled user with the
 * `commander` role qualifies; anything else is rejected with the field named.
 */
export async function findCommander(tx: Transaction, commanderId: string): Promise<Commander> {
  const user = await tx.user.findUnique({
    where: { id: commanderId },
    select: { id: true, email: true, name: true, role: true, disabled: true },
  });
  if (!user) {
    throw new ApiError("validation_failed", `No user has the id ${commanderId}.`, { field: "body.commanderId" });
  }
  if (user.role !== "commander" || user.disabled) {
    const reason = user.disabled ? "is disabled" : `has the ${user.role} role`;
    throw new ApiError("validation_failed", `${user.email} ${reason}; choose an enabled incident commander.`, {
      field: "body.commanderId",
    });
  }
  return { id: user.id, email: user.email, name: user.name };
}
