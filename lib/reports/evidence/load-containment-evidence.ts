import { db } from "@/lib/db/client";

import type { ContainmentEvidence, SignalEvidence } from "./postmortem-evidence";

/** Loads the incident's containment plans with their steps; `loggedActions` come from its containment signals. */
export async function loadContainmentEvidence(
  incidentId: string,
  signals: SignalEvidence[],
): Promise<ContainmentEvidence> {
  const plans = await db().containmentPlan.findMany({
    where: { incidentId },
    orderBy: { proposedAt: "asc" },
    include: { steps: { orderBy: { position: "asc" } } },
  });
  return {
    plans: plans.map((plan) => ({
      principalKey: plan.principalKey,
      status: plan.status,
      proposedBy: plan.proposedBy,
      proposedAt: plan.proposedAt.toISOString(),
      approvedBy: plan.approvedBy,
      approvedAt: plan.approvedAt?.toISOString() ?? null,
      rationale: plan.rationale,
      completedAt: plan.completedAt?.toISOString() ?? null,
      steps: plan.steps.map((step) => ({
        position: step.position,
        action: step.action,
        description: step.description,
        status: step.status,
        mode: step.mode,
        executedBy: step.executedBy,
        executedAt: step.executedAt?.toISOString() ?? null,
      })),
    })),
    loggedActions: signals.filter((signal) => signal.phase === "containment"),
  };
}
