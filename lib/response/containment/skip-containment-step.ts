import type { Actor } from "@/lib/auth/actor";
import { logger } from "@/lib/log";

import { findRunnableStep } from "./claim-containment-step";
import type { StepExecution } from "./execute-containment-step";
import { saveStepAttempt } from "./save-step-attempt";

export interface SkipContainmentStepOptions {
  planId: string;
  stepId: string;
  actor: Actor;
  reason: string;
  now?: () => Date;
}

/** Skips a step of an approved plan with a reason, which lets the steps after it run. */
export async function skipContainmentStep(options: SkipContainmentStepOptions): Promise<StepExecution> {
  const now = (options.now ?? (() => new Date()))();
  let position = 0;
  const saved = await saveStepAttempt({
    planId: options.planId,
    stepId: options.stepId,
    actor: options.actor,
    attempt: { mode: "skipped", by: options.actor.label, at: now.toISOString(), outcome: "skipped", note: options.reason },
    replaceLast: false,
    status: "skipped",
    mode: "skipped",
    audit: [{ action: "containment.step_skipped", details: { reason: options.reason } }],
    now,
    check: (plan) => {
      position = findRunnableStep(plan, options.stepId, now).position;
    },
  });
  logger.info({ planId: options.planId, stepId: options.stepId, by: options.actor.label }, "containment step skipped");
  return {
    stepId: options.stepId,
    position,
    status: "skipped",
    outcome: "skipped",
    message: `Skipped: ${options.reason}`,
    planCompleted: saved.planCompleted,
  };
}
