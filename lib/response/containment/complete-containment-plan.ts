import type { Actor } from "@/lib/auth/actor";
import { appendAuditEntry, type Transaction } from "@/lib/response/audit/append-audit-entry";
import { markIncidentContained } from "@/lib/response/lifecycle/change-incident-status";

/**
 * Completes an approved plan once every step is done or skipped. It records
 * the completion time, moves the incident to `contained` through the
 * lifecycle (which keeps a containment time the logs already gave), and
 * audits each change. Call it in the transaction that finished the last
 * step. Returns true when the plan was completed.
 */
export async function completeContainmentPlanIfDone(
  tx: Transaction,
  options: { planId: string; actor: Actor; now: Date },
): Promise<boolean> {
  const plan = await tx.containmentPlan.findUniqueOrThrow({
    where: { id: options.planId },
    include: { steps: { select: { status: true } } },
  });
  const finished = plan.steps.every((step) => step.status === "done" || step.status === "skipped");
  if (plan.status !== "approved" || !finished) {
    return false;
  }
  const { actor, now } = options;
  await tx.containmentPlan.update({ where: { id: plan.id }, data: { status: "completed", completedAt: now } });
  const change = await markIncidentContained(tx, { incidentId: plan.incidentId, actor, at: now, planId: plan.id });
  if (change === null) {
    // The incident was already contained, resolved or closed; it still gets a containment time if it had none.
    await tx.incident.updateMany({ where: { id: plan.incidentId, containedAt: null }, data: { containedAt: now } });
  }
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: plan.incidentId }, select: { containedAt: true } });
  await appendAuditEntry(tx, {
    actor,
    action: "containment.completed",
    targetType: "containment_plan",
    targetId: plan.id,
    incidentId: plan.incidentId,
    details: {
      completedAt: now.toISOString(),
      incidentContainedAt: incident.containedAt?.toISOString() ?? null,
      statusChange: change ? { from: change.from, to: change.to } : null,
    },
  });
  return true;
}
