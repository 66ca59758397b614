import type { Prisma } from "@/lib/generated/prisma/client";

import type { ApiInput } from "./containment-types";

/** One IAM request sent for a step, as stored on the step and in the audit log. */
export interface IamCallRecord {
  operation: string;
  input: ApiInput;
  at: string;
  /** AWS request id (x-amzn-RequestId), for AWS Support and CloudTrail; null when no response came back. */
  requestId: string | null;
  httpStatusCode: number | null;
  /** IAM error code, for example NoSuchEntity or AccessDenied; null on success. */
  errorCode: string | null;
  errorMessage: string | null;
}

/**
 * Result of the read-only checks before a write: the step `applies`, its
 * effect is `already_applied` (so no write is sent), or it is `blocked` (the
 * target is missing, the credentials reach another account, or a read failed).
 */
export type DryRunVerdict = "applies" | "already_applied" | "blocked";

export interface DryRunResult {
  verdict: DryRunVerdict;
  message: string;
  calls: IamCallRecord[];
}

/** `running` marks an SDK attempt whose write has not returned yet. */
export type AttemptOutcome = "running" | "done" | "already_applied" | "failed" | "skipped";

/** One attempt at a step: an SDK run, a manual confirmation or a skip. */
export interface StepAttempt {
  mode: "sdk" | "manual" | "skipped";
  by: string;
  at: string;
  outcome: AttemptOutcome;
  dryRun?: DryRunResult;
  call?: IamCallRecord;
  /** The manual note or the reason for skipping. */
  note?: string;
}

/** Stored in `containment_steps.result`: every attempt, oldest first. */
export interface StepResult {
  attempts: StepAttempt[];
}

/** Reads a stored result; anything else (null for a step never tried) reads as no attempts. */
export function readStepResult(value: unknown): StepResult {
  if (typeof value === "object" && value !== null && Array.isArray((value as StepResult).attempts)) {
    return value as StepResult;
  }
  return { attempts: [] };
}

/** Returns the stored result with `attempt` appended, as Prisma JSON input. */
export function withAttempt(stored: unknown, attempt: StepAttempt): Prisma.InputJsonValue {
  const result = readStepResult(stored);
  return toJson({ attempts: [...result.attempts, attempt] });
}

/** Returns the stored result with its last attempt replaced, for an SDK attempt that has finished. */
export function withLastAttempt(stored: unknown, attempt: StepAttempt): Prisma.InputJsonValue {
  const result = readStepResult(stored);
  return toJson({ attempts: [...result.attempts.slice(0, -1), attempt] });
}

function toJson(result: StepResult): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue;
}
