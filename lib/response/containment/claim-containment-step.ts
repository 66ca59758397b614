import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

import type { ApiCall, StoredApiCall } from "./containment-types";
import { lockContainmentPlan, type LockedContainmentPlan } from "./lock-containment-plan";

/**
 * Age after which a running SDK attempt is taken to have died with its
 * process, so the step may be claimed again. An attempt sends about four
 * requests, each of at most three tries of up to 20 s (5 s to connect, 15 s
 * to respond), so a live attempt should end within about 4 minutes (an
 * estimate from those settings, not a measurement).
 */
export const STALE_RUN_MS = 5 * 60 * 1000;

export interface ClaimedStep {
  planId: string;
  incidentId: string;
  stepId: string;
  position: number;
  action: string;
  apiCall: ApiCall;
  /** Account and partition of the plan's principal, from its ARN when it has one. */
  accountId: string | null;
  partition: string;
  /** The step's stored result before this attempt. */
  result: unknown;
}

type LockedStep = LockedContainmentPlan["steps"][number];

/**
 * Checks that a plan is approved and the step may run now, then marks the
 * step `running` for an SDK attempt. Errors explain which rule the request
 * broke: the plan's status, the step's status, or an earlier step not yet
 * done.
 */
export async function claimContainmentStep(options: {
  planId: string;
  stepId: string;
  actor: Actor;
  now: Date;
}): Promise<ClaimedStep> {
  return db().$transaction(async (tx) => {
    const plan = await lockContainmentPlan(tx, options.planId);
    const step = findRunnableStep(plan, options.stepId, options.now);
    assertEarlierStepsFinished(plan, step);
    const stored = step.apiCall as unknown as StoredApiCall;
    if (stored.name === null || stored.input === null) {
      throw new ApiError("conflict", `Step ${step.position} (${step.action}) is done in the console; mark it done by hand.`);
    }
    await tx.containmentStep.update({
      where: { id: step.id },
      data: { status: "running", mode: "sdk", executedBy: options.actor.label, executedAt: options.now },
    });
    const incident = await tx.incident.findUniqueOrThrow({ where: { id: plan.incidentId }, select: { accountId: true } });
    const arn = plan.principalKey.startsWith("arn:") ? plan.principalKey.split(":") : null;
    return {
      planId: plan.id,
      incidentId: plan.incidentId,
      stepId: step.id,
      position: step.position,
      action: step.action,
      apiCall: { name: stored.name, input: stored.input },
      accountId: arn?.[4] || incident.accountId,
      partition: arn?.[1] || "aws",
      result: step.result,
    };
  });
}

/**
 * Returns the step when the plan is approved and the step can be worked on:
 * not done or skipped, and not running unless that run is stale.
 */
export function findRunnableStep(plan: LockedContainmentPlan, stepId: string, now: Date): LockedStep {
  if (plan.status !== "approved") {
    const hint = plan.status === "proposed" ? "; an incident commander must approve it before any step runs" : "";
    throw new ApiError("conflict", `Containment plan ${plan.id} is ${plan.status}${hint}.`);
  }
  const step = plan.steps.find((candidate) => candidate.id === stepId);
  if (!step) {
    throw new ApiError("not_found", `Containment plan ${plan.id} has no step ${stepId}.`);
  }
  if (step.status === "done" || step.status === "skipped") {
    throw new ApiError("conflict", `Step ${step.position} (${step.action}) is already ${step.status}.`);
  }
  const runningSince = step.executedAt?.getTime() ?? 0;
  if (step.status === "running" && now.getTime() - runningSince < STALE_RUN_MS) {
    throw new ApiError("conflict", `Step ${step.position} (${step.action}) is running; wait for its result.`);
  }
  return step;
}

function assertEarlierStepsFinished(plan: LockedContainmentPlan, step: LockedStep): void {
  const blocking = plan.steps.find(
    (earlier) => earlier.position < step.position && earlier.status !== "done" && earlier.status !== "skipped",
  );
  if (blocking) {
    throw new ApiError(
      "conflict",
      `Step ${blocking.position} (${blocking.action}) is ${blocking.status}; steps run in order, so it must be done or skipped first.`,
    );
  }
}
