import { ApiError } from "@/lib/api/api-error";
import type { Transaction } from "@/lib/response/audit/append-audit-entry";

/**
 * Locks a plan's row until the transaction ends, so that concurrent
 * approvals, rejections and step runs see each other's changes, and returns
 * the plan with its steps in order.
 */
export async function lockContainmentPlan(tx: Transaction, planId: string) {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM containment_plans WHERE id = ${planId}::uuid FOR UPDATE`;
  if (locked.length === 0) {
    throw new ApiError("not_found", `Containment plan ${planId} was not found.`);
  }
  return tx.containmentPlan.findUniqueOrThrow({
    where: { id: planId },
    include: { steps: { orderBy: { position: "asc" } } },
  });
}

export type LockedContainmentPlan = Awaited<ReturnType<typeof lockContainmentPlan>>;

/** Locks an incident's row, so that two proposals for it cannot both pass the open-plan check. */
export async function lockIncident(tx: Transaction, incidentId: string): Promise<void> {
  const locked = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM incidents WHERE id = ${incidentId}::uuid FOR UPDATE`;
  if (locked.length === 0) {
    throw new ApiError("not_found", `Incident ${incidentId} was not found.`);
  }
}
