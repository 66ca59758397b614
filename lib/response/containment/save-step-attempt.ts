import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import { completeContainmentPlanIfDone } from "./complete-containment-plan";
import type { StepStatus } from "./containment-types";
import { lockContainmentPlan, type LockedContainmentPlan } from "./lock-containment-plan";
import { type StepAttempt, withAttempt, withLastAttempt } from "./step-result";

export interface SaveStepAttemptOptions {
  planId: string;
  stepId: string;
  actor: Actor;
  attempt: StepAttempt;
  /** True to replace the step's last attempt (an SDK attempt finishing), false to append one. */
  replaceLast: boolean;
  status: StepStatus;
  mode: "sdk" | "manual" | "skipped";
  /** Audit entries for this change, written in the same transaction. */
  audit: ReadonlyArray<{ action: string; details: Record<string, unknown> }>;
  now: Date;
  /** Checks run on the locked plan before anything is written; they throw to refuse the change. */
  check?: (plan: LockedContainmentPlan) => void;
}

/**
 * Stores a step's attempt and status with their audit entries in one
 * transaction, and completes the plan when this was its last open step.
 * Returns whether the plan was completed.
 */
export async function saveStepAttempt(options: SaveStepAttemptOptions): Promise<{ planCompleted: boolean }> {
  return db().$transaction(async (tx) => {
    const plan = await lockContainmentPlan(tx, options.planId);
    options.check?.(plan);
    const step = plan.steps.find((candidate) => candidate.id === options.stepId);
    if (!step) {
      throw new Error(`containment step ${options.stepId} vanished from plan ${options.planId}`);
    }
    const result = options.replaceLast
      ? withLastAttempt(step.result, options.attempt)
      : withAttempt(step.result, options.attempt);
    await tx.containmentStep.update({
      where: { id: step.id },
      data: {
        status: options.status,
        mode: options.mode,
        result,
        executedBy: options.actor.label,
        executedAt: options.now,
      },
    });
    for (const entry of options.audit) {
      await appendAuditEntry(tx, {
        actor: options.actor,
        action: entry.action,
        targetType: "containment_step",
        targetId: step.id,
        incidentId: plan.incidentId,
        details: { planId: plan.id, position: step.position, stepAction: step.action, ...entry.details },
      });
    }
    const planCompleted =
      options.status === "done" || options.status === "skipped"
        ? await completeContainmentPlanIfDone(tx, { planId: plan.id, actor: options.actor, now: options.now })
        : false;
    return { planCompleted };
  });
}
