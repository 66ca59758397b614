import type { IAMClient } from "@aws-sdk/client-iam";

import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { logger } from "@/lib/log";

import { type ClaimedStep, claimContainmentStep } from "./claim-containment-step";
import type { StepStatus } from "./containment-types";
import { createIamClient, detectSdkAvailability, type Environment } from "./create-iam-client";
import { dryRunContainmentStep } from "./dry-run-containment-step";
import { markContainmentStepDone } from "./mark-containment-step-done";
import { IamCallRecorder, describeFailure } from "./record-iam-calls";
import { saveStepAttempt } from "./save-step-attempt";
import { prepareWrite, sendContainmentWrite } from "./send-containment-write";
import type { AttemptOutcome, DryRunResult, StepAttempt } from "./step-result";

export interface ExecuteContainmentStepOptions {
  planId: string;
  stepId: string;
  actor: Actor;
  /** `sdk` sends the step's IAM requests; `manual` records that a person made the change. */
  mode: "sdk" | "manual";
  note?: string;
  /** IAM client for mode `sdk`; when omitted, one is built from the server's AWS credentials. */
  iamClient?: IAMClient;
  now?: () => Date;
  /** Environment read for AWS credentials when no client is given. */
  env?: Environment;
}

/** Outcome of one step. */
export interface StepExecution {
  stepId: string;
  position: number;
  status: StepStatus;
  outcome: AttemptOutcome;
  message: string;
  planCompleted: boolean;
}

/**
 * Runs one step of an approved plan. In mode `sdk` the steps before it must
 * be done or skipped. The step's read-only check runs first and is stored and
 * audited. Then the write is sent, and its result is stored and audited. A
 * failed check or write leaves the step `failed`, so the steps after it wait
 * until it is retried, marked done by hand or skipped.
 */
export async function executeContainmentStep(options: ExecuteContainmentStepOptions): Promise<StepExecution> {
  if (options.mode === "manual") {
    return markContainmentStepDone({ ...options, note: options.note ?? null });
  }
  const now = options.now ?? (() => new Date());
  if (!options.iamClient) {
    const availability = detectSdkAvailability(options.env);
    if (!availability.available) {
      throw new ApiError("conflict", `Steps cannot run through the AWS SDK: ${availability.reason}`);
    }
  }
  const claimed = await claimContainmentStep({ planId: options.planId, stepId: options.stepId, actor: options.actor, now: now() });
  const client = options.iamClient ?? createIamClient(claimed.partition);
  return runClaimedStep({ claimed, client, actor: options.actor, now });
}

async function runClaimedStep(input: { claimed: ClaimedStep; client: IAMClient; actor: Actor; now: () => Date }): Promise<StepExecution> {
  const { claimed, client, actor, now } = input;
  const log = logger.child({ incidentId: claimed.incidentId, planId: claimed.planId, stepId: claimed.stepId, action: claimed.action });
  log.info("containment step started");
  let dryRun: DryRunResult | undefined;
  let dryRunSaved = false;
  try {
    dryRun = await dryRunContainmentStep({ client, apiCall: claimed.apiCall, expectedAccountId: claimed.accountId, now });
    const checked = await saveDryRun({ claimed, actor, dryRun, at: now() });
    dryRunSaved = true;
    if (dryRun.verdict !== "applies") {
      log.info({ verdict: dryRun.verdict }, "containment step finished after its check");
      return checked;
    }
    const recorder = new IamCallRecorder(now);
    const response = await sendContainmentWrite(client, prepareWrite(claimed.apiCall, now()), recorder);
    const call = recorder.calls[0];
    const outcome = response.ok ? "done" : "failed";
    const message = response.ok ? `${call.operation} succeeded (request ${call.requestId ?? "without id"}).` : describeFailure(call);
    const saved = await saveStepAttempt({
      planId: claimed.planId,
      stepId: claimed.stepId,
      actor,
      attempt: { mode: "sdk", by: actor.label, at: call.at, outcome, dryRun, call },
      replaceLast: true,
      status: outcome,
      mode: "sdk",
      audit: [{ action: response.ok ? "containment.step_executed" : "containment.step_failed", details: { call, message } }],
      now: now(),
    });
    log.info({ outcome, requestId: call.requestId, errorCode: call.errorCode }, "containment step finished");
    return { stepId: claimed.stepId, position: claimed.position, status: outcome, outcome, message, planCompleted: saved.planCompleted };
  } catch (error) {
    log.error({ err: error }, "containment step failed unexpectedly");
    return saveUnexpectedFailure({ claimed, actor, error, dryRun, replaceLast: dryRunSaved, at: now() });
  }
}

/** Stores the check as the attempt's first result; a blocked or already applied step ends here. */
async function saveDryRun(input: { claimed: ClaimedStep; actor: Actor; dryRun: DryRunResult; at: Date }): Promise<StepExecution> {
  const { claimed, actor, dryRun, at } = input;
  const finished = { blocked: ["failed", "failed"], already_applied: ["done", "already_applied"], applies: ["running", "running"] } as const;
  const [status, outcome] = finished[dryRun.verdict];
  const audit: Array<{ action: string; details: Record<string, unknown> }> = [
    { action: "containment.step_dry_run", details: { verdict: dryRun.verdict, message: dryRun.message, calls: dryRun.calls } },
  ];
  if (dryRun.verdict === "blocked") {
    audit.push({ action: "containment.step_failed", details: { message: dryRun.message } });
  }
  if (dryRun.verdict === "already_applied") {
    audit.push({ action: "containment.step_done", details: { mode: "sdk", alreadyApplied: true, message: dryRun.message } });
  }
  const saved = await saveStepAttempt({
    planId: claimed.planId,
    stepId: claimed.stepId,
    actor,
    attempt: { mode: "sdk", by: actor.label, at: at.toISOString(), outcome, dryRun },
    replaceLast: false,
    status,
    mode: "sdk",
    audit,
    now: at,
  });
  return { stepId: claimed.stepId, position: claimed.position, status, outcome, message: dryRun.message, planCompleted: saved.planCompleted };
}

async function saveUnexpectedFailure(input: {
  claimed: ClaimedStep;
  actor: Actor;
  error: unknown;
  dryRun: DryRunResult | undefined;
  replaceLast: boolean;
  at: Date;
}): Promise<StepExecution> {
  const { claimed, actor, at } = input;
  const message = `The step failed inside Watchfloor: ${input.error instanceof Error ? input.error.message : String(input.error)}`;
  const attempt: StepAttempt = { mode: "sdk", by: actor.label, at: at.toISOString(), outcome: "failed", dryRun: input.dryRun, note: message };
  await saveStepAttempt({
    planId: claimed.planId,
    stepId: claimed.stepId,
    actor,
    attempt,
    replaceLast: input.replaceLast,
    status: "failed",
    mode: "sdk",
    audit: [{ action: "containment.step_failed", details: { message } }],
    now: at,
  });
  return { stepId: claimed.stepId, position: claimed.position, status: "failed", outcome: "failed", message, planCompleted: false };
}
