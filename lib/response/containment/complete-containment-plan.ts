import type { Actor } from "@/lib/auth/actor";
import { appendAuditEntry, type Transaction } from "@/lib/response/audit/append-audit-entry";

/** Incident statuses a completed containment does not move back to `contained`. */
const LATER_STATUSES = ["contained", "resolved", "closed", "false_positive"];

/**
 * Completes an approved plan once every step is done or skipped. It records
 * the completion time, sets the incident's containment time when the logs
 * have not already given one, and moves the incident to `contained`, auditing
 * each change. Call it in the transaction that finished the last step.
 * Returns true when the plan was completed.
 */
export async function completeContainmentPlanIfDone(
  tx: Transaction,
  options: { planId: string; actor: Actor; now: Date },
): Promise<boolean> {
  const plan = await tx.containmentPlan.findUniqueOrThrow({
    where: { id: options.planId },
    include: { steps: { select: { status: true } }, incident: true },
  });
  const finished = plan.steps.every((step) => step.status === "done" || step.status === "skipped");
  if (plan.status !== "approved" || !finished) {
    return false;
  }
  const { incident } = plan;
  const { actor, now } = options;
  await tx.containmentPlan.update({ where: { id: plan.id }, data: { status: "completed", completedAt: now } });
  const moveStatus = !LATER_STATUSES.includes(incident.status);
  await tx.incident.update({
    where: { id: incident.id },
    data: {
      // A containment time from CloudTrail (a responder's own calls) is kept, and the plan keeps its own time.
      ...(incident.containedAt === null ? { containedAt: now } : {}),
      ...(moveStatus ? { status: "contained", statusChangedAt: now } : {}),
    },
  });
  await appendAuditEntry(tx, {
    actor,
    action: "containment.completed",
    targetType: "containment_plan",
    targetId: plan.id,
    incidentId: incident.id,
    details: { completedAt: now.toISOString(), incidentContainedAt: (incident.containedAt ?? now).toISOString() },
  });
  if (moveStatus) {
    await appendAuditEntry(tx, {
      actor,
      action: "incident.status_changed",
      targetType: "incident",
      targetId: incident.id,
      incidentId: incident.id,
      details: { from: incident.status, to: "contained", reason: `containment plan ${plan.id} completed` },
    });
  }
  return true;
}
