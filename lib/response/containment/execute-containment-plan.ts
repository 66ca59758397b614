import type { IAMClient } from "@aws-sdk/client-iam";

import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

import type { StoredApiCall } from "./containment-types";
import type { Environment } from "./create-iam-client";
import { executeContainmentStep, type StepExecution } from "./execute-containment-step";

export interface ExecuteContainmentPlanOptions {
  planId: string;
  actor: Actor;
  iamClient?: IAMClient;
  now?: () => Date;
  env?: Environment;
}

export interface PlanExecution {
  steps: StepExecution[];
  /** Why the run stopped before the end: a failed step or a step done in the console; null when nothing is left. */
  stoppedAt: { position: number; reason: string } | null;
}

/**
 * Runs an approved plan's open steps through the AWS SDK, one by one in
 * order. It stops at the first step that fails, and at a step that has no
 * API call, which a person does in the console and marks done.
 */
export async function executeContainmentPlan(options: ExecuteContainmentPlanOptions): Promise<PlanExecution> {
  const executions: StepExecution[] = [];
  const steps = await db().containmentStep.findMany({
    where: { planId: options.planId },
    orderBy: { position: "asc" },
    select: { id: true, position: true, action: true, status: true, apiCall: true },
  });
  if (steps.length === 0) {
    throw new ApiError("not_found", `Containment plan ${options.planId} was not found.`);
  }
  for (const step of steps) {
    if (step.status === "done" || step.status === "skipped") {
      continue;
    }
    if ((step.apiCall as unknown as StoredApiCall).name === null) {
      return { steps: executions, stoppedAt: { position: step.position, reason: `Step ${step.position} (${step.action}) is done in the console; mark it done by hand.` } };
    }
    const execution = await executeContainmentStep({ ...options, stepId: step.id, mode: "sdk" });
    executions.push(execution);
    if (execution.status === "failed") {
      return { steps: executions, stoppedAt: { position: step.position, reason: execution.message } };
    }
  }
  return { steps: executions, stoppedAt: null };
}
