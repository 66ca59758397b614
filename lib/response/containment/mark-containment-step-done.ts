import type { Actor } from "@/lib/auth/actor";
import { logger } from "@/lib/log";

import { findRunnableStep } from "./claim-containment-step";
import type { StepExecution } from "./execute-containment-step";
import { saveStepAttempt } from "./save-step-attempt";

export interface MarkContainmentStepDoneOptions {
  planId: string;
  stepId: string;
  actor: Actor;
  /** Note on the change, for example the console page used or the CLI output. */
  note: string | null;
  now?: () => Date;
}

/**
 * Records that a person made a step's change by hand (console or CLI). Any
 * step of an approved plan may be marked, in any order, because it records
 * what already happened in AWS.
 */
export async function markContainmentStepDone(options: MarkContainmentStepDoneOptions): Promise<StepExecution> {
  const now = (options.now ?? (() => new Date()))();
  let position = 0;
  const note = options.note?.trim() || undefined;
  const saved = await saveStepAttempt({
    planId: options.planId,
    stepId: options.stepId,
    actor: options.actor,
    attempt: { mode: "manual", by: options.actor.label, at: now.toISOString(), outcome: "done", note },
    replaceLast: false,
    status: "done",
    mode: "manual",
    audit: [{ action: "containment.step_done", details: { mode: "manual", note: note ?? null } }],
    now,
    check: (plan) => {
      position = findRunnableStep(plan, options.stepId, now).position;
    },
  });
  logger.info({ planId: options.planId, stepId: options.stepId, by: options.actor.label }, "containment step marked done");
  return {
    stepId: options.stepId,
    position,
    status: "done",
    outcome: "done",
    message: "Marked done by hand.",
    planCompleted: saved.planCompleted,
  };
}
