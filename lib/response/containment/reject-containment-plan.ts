import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { lockContainmentPlan } from "./lock-containment-plan";

export interface RejectContainmentPlanOptions {
  planId: string;
  actor: Actor;
  reason: string;
}

/**
 * Rejects a proposed plan, or withdraws an approved one before any step has
 * run or been marked done. The reason is stored in `rationale`, and the audit
 * entry `containment.rejected` records who rejected the plan and when.
 */
export async function rejectContainmentPlan(options: RejectContainmentPlanOptions): Promise<void> {
  const incidentId = await db().$transaction(async (tx) => {
    const plan = await lockContainmentPlan(tx, options.planId);
    if (plan.status !== "proposed" && plan.status !== "approved") {
      throw new ApiError("conflict", `Containment plan ${plan.id} is ${plan.status}; only a proposed or approved plan can be rejected.`);
    }
    const started = plan.steps.find((step) => step.status === "running" || step.status === "done" || step.status === "failed");
    if (started) {
      throw new ApiError(
        "conflict",
        `Step ${started.position} of containment plan ${plan.id} is ${started.status}; a plan whose steps have started cannot be rejected.`,
      );
    }
    // NOTE: withdrawing an approved plan replaces the approver's rationale in the row; the audit entry containment.approved keeps it.
    await tx.containmentPlan.update({ where: { id: plan.id }, data: { status: "rejected", rationale: options.reason } });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "containment.rejected",
      targetType: "containment_plan",
      targetId: plan.id,
      incidentId: plan.incidentId,
      details: { reason: options.reason, previousStatus: plan.status },
    });
    return plan.incidentId;
  });
  logger.info({ incidentId, planId: options.planId, rejectedBy: options.actor.label }, "containment plan rejected");
}
