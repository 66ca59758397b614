import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { readContainmentSettings } from "./containment-settings";
import { lockContainmentPlan } from "./lock-containment-plan";

export interface ApproveContainmentPlanOptions {
  planId: string;
  actor: Actor;
  rationale: string;
  now?: Date;
}

/**
 * Signs off a proposed plan. Unless the `containment.requireDistinctApprover`
 * setting is off, the approver must be someone other than the proposer, so
 * that a single person cannot both write and authorise changes to AWS.
 */
export async function approveContainmentPlan(options: ApproveContainmentPlanOptions): Promise<void> {
  const now = options.now ?? new Date();
  const { actor } = options;
  const incidentId = await db().$transaction(async (tx) => {
    const plan = await lockContainmentPlan(tx, options.planId);
    if (plan.status !== "proposed") {
      throw new ApiError("conflict", `Containment plan ${plan.id} is ${plan.status}; only a proposed plan can be approved.`);
    }
    const settings = await readContainmentSettings(tx);
    if (settings.requireDistinctApprover && isProposer(plan, actor)) {
      throw new ApiError(
        "conflict",
        `${actor.label} proposed this plan, and another incident commander must approve it ` +
          "(setting containment.requireDistinctApprover).",
      );
    }
    await tx.containmentPlan.update({
      where: { id: plan.id },
      data: { status: "approved", approvedById: actor.id, approvedBy: actor.label, approvedAt: now, rationale: options.rationale },
    });
    await appendAuditEntry(tx, {
      actor,
      action: "containment.approved",
      targetType: "containment_plan",
      targetId: plan.id,
      incidentId: plan.incidentId,
      details: { rationale: options.rationale, proposedBy: plan.proposedBy },
    });
    return plan.incidentId;
  });
  logger.info({ incidentId, planId: options.planId, approvedBy: actor.label }, "containment plan approved");
}

/**
 * True when the actor proposed the plan: the same user or token id, or,
 * for actors without an id (the local administrator), the same label.
 */
export function isProposer(plan: { proposedById: string | null; proposedBy: string }, actor: Actor): boolean {
  if (plan.proposedById !== null && actor.id !== null) {
    return plan.proposedById === actor.id;
  }
  return plan.proposedBy === actor.label;
}
