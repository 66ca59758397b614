import {
  GetGroupCommand,
  GetLoginProfileCommand,
  GetRoleCommand,
  GetUserCommand,
  type IAMClient,
  NoSuchEntityException,
} from "@aws-sdk/client-iam";

import type { ApiCall, ApiInput, IamWriteOperation } from "./containment-types";
import { describeFailure, IamCallRecorder } from "./record-iam-calls";
import { listAccessKeyStatuses, listAttachedPolicyArns, listInlinePolicyNames } from "./list-iam-entries";
import type { DryRunResult, DryRunVerdict } from "./step-result";

export interface DryRunContainmentStepOptions {
  client: IAMClient;
  apiCall: ApiCall;
  /** Account the plan is for; the check is blocked when the credentials reach another one. */
  expectedAccountId: string | null;
  now: () => Date;
}

type Finding = { verdict: DryRunVerdict; message: string };

/**
 * Checks, with read-only IAM requests, that a step applies before its write
 * is sent. IAM has no DryRun parameter, so the check reads the target (which
 * also shows which account the credentials reach) and then the state the
 * step changes.
 */
export async function dryRunContainmentStep(options: DryRunContainmentStepOptions): Promise<DryRunResult> {
  const recorder = new IamCallRecorder(options.now);
  const finding =
    (await checkTarget(options, recorder)) ?? (await checkState(options.client, options.apiCall, recorder));
  return { ...finding, calls: recorder.calls };
}

/** Reads the user, role or group the step changes; returns a finding only when that blocks the step. */
async function checkTarget(options: DryRunContainmentStepOptions, recorder: IamCallRecorder): Promise<Finding | null> {
  const { client, apiCall } = options;
  const input = apiCall.input;
  const target = targetOf(input);
  const response =
    target.kind === "user"
      ? await recorder.send("GetUser", { UserName: target.name }, () => client.send(new GetUserCommand({ UserName: target.name })))
      : target.kind === "role"
        ? await recorder.send("GetRole", { RoleName: target.name }, () => client.send(new GetRoleCommand({ RoleName: target.name })))
        : await recorder.send("GetGroup", { GroupName: target.name }, () => client.send(new GetGroupCommand({ GroupName: target.name })));
  if (!response.ok) {
    const missing = response.error instanceof NoSuchEntityException;
    return {
      verdict: "blocked",
      message: missing
        ? `IAM ${target.kind} ${target.name} does not exist in the account these credentials reach.`
        : describeFailure(recorder.last),
    };
  }
  const output = response.output as { User?: { Arn?: string }; Role?: { Arn?: string }; Group?: { Arn?: string } };
  const arn = output.User?.Arn ?? output.Role?.Arn ?? output.Group?.Arn ?? null;
  const account = arn?.split(":")[4] ?? null;
  if (options.expectedAccountId && account !== options.expectedAccountId) {
    return {
      verdict: "blocked",
      message: `The credentials reach account ${account ?? "unknown"} (${arn ?? "no ARN returned"}), but the plan is for account ${options.expectedAccountId}.`,
    };
  }
  return null;
}

function targetOf(input: ApiInput): { kind: "user" | "role" | "group"; name: string } {
  if (typeof input.UserName === "string") {
    return { kind: "user", name: input.UserName };
  }
  if (typeof input.RoleName === "string") {
    return { kind: "role", name: input.RoleName };
  }
  return { kind: "group", name: String(input.GroupName) };
}

type StateCheck = (client: IAMClient, input: ApiInput, recorder: IamCallRecorder) => Promise<Finding>;

const APPLIES: Finding = { verdict: "applies", message: "The target exists; the change applies." };

// Puts replace a policy of the same name, so reading the target is the whole check.
const STATE_CHECKS: Record<IamWriteOperation, StateCheck> = {
  UpdateAccessKey: checkAccessKey,
  DeleteLoginProfile: checkLoginProfile,
  PutUserPolicy: async () => APPLIES,
  PutRolePolicy: async () => APPLIES,
  UpdateAssumeRolePolicy: async () => APPLIES,
  DetachUserPolicy: checkAttached,
  DetachRolePolicy: checkAttached,
  DetachGroupPolicy: checkAttached,
  DeleteUserPolicy: checkInline,
  DeleteRolePolicy: checkInline,
  DeleteGroupPolicy: checkInline,
};

async function checkState(client: IAMClient, apiCall: ApiCall, recorder: IamCallRecorder): Promise<Finding> {
  return STATE_CHECKS[apiCall.name](client, apiCall.input, recorder);
}

async function checkAccessKey(client: IAMClient, input: ApiInput, recorder: IamCallRecorder): Promise<Finding> {
  const statuses = await listAccessKeyStatuses(client, String(input.UserName), recorder);
  if (statuses === null) {
    return { verdict: "blocked", message: describeFailure(recorder.last) };
  }
  const status = statuses.get(String(input.AccessKeyId));
  if (status === undefined) {
    return { verdict: "blocked", message: `Access key ${input.AccessKeyId} does not belong to ${input.UserName}.` };
  }
  if (status === input.Status) {
    return { verdict: "already_applied", message: `Access key ${input.AccessKeyId} is already ${status}.` };
  }
  return { verdict: "applies", message: `Access key ${input.AccessKeyId} is ${status}.` };
}

async function checkLoginProfile(client: IAMClient, input: ApiInput, recorder: IamCallRecorder): Promise<Finding> {
  const userName = String(input.UserName);
  const response = await recorder.send("GetLoginProfile", { UserName: userName }, () =>
    client.send(new GetLoginProfileCommand({ UserName: userName })),
  );
  if (response.ok) {
    return { verdict: "applies", message: `${userName} has a console password.` };
  }
  // GetLoginProfile fails with NoSuchEntity when the user has no console password.
  if (response.error instanceof NoSuchEntityException) {
    return { verdict: "already_applied", message: `${userName} has no console password.` };
  }
  return { verdict: "blocked", message: describeFailure(recorder.last) };
}

async function checkAttached(client: IAMClient, input: ApiInput, recorder: IamCallRecorder): Promise<Finding> {
  const target = targetOf(input);
  const arns = await listAttachedPolicyArns(client, target, recorder);
  if (arns === null) {
    return { verdict: "blocked", message: describeFailure(recorder.last) };
  }
  return arns.includes(String(input.PolicyArn))
    ? { verdict: "applies", message: `${input.PolicyArn} is attached to ${target.name}.` }
    : { verdict: "already_applied", message: `${input.PolicyArn} is not attached to ${target.name}.` };
}

async function checkInline(client: IAMClient, input: ApiInput, recorder: IamCallRecorder): Promise<Finding> {
  const target = targetOf(input);
  const names = await listInlinePolicyNames(client, target, recorder);
  if (names === null) {
    return { verdict: "blocked", message: describeFailure(recorder.last) };
  }
  return names.includes(String(input.PolicyName))
    ? { verdict: "applies", message: `${target.name} has the inline policy ${input.PolicyName}.` }
    : { verdict: "already_applied", message: `${target.name} has no inline policy ${input.PolicyName}.` };
}
