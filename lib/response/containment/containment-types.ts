/**
 * Shapes shared by containment plan generation, the workflow and execution.
 * A step's `apiCall` and `rollback` are stored as JSON in `containment_steps`,
 * so fields may be added but never renamed.
 */

/** IAM operations a containment step performs. */
export const IAM_WRITE_OPERATIONS = [
  "UpdateAccessKey",
  "DeleteLoginProfile",
  "PutUserPolicy",
  "DetachUserPolicy",
  "DeleteUserPolicy",
  "PutRolePolicy",
  "DetachRolePolicy",
  "DeleteRolePolicy",
  "DetachGroupPolicy",
  "DeleteGroupPolicy",
  "UpdateAssumeRolePolicy",
] as const;

export type IamWriteOperation = (typeof IAM_WRITE_OPERATIONS)[number];

/** Operations that only appear in rollbacks, which Watchfloor shows but never runs. */
export type IamRollbackOperation =
  | IamWriteOperation
  | "CreateLoginProfile"
  | "AttachUserPolicy"
  | "AttachRolePolicy"
  | "AttachGroupPolicy";

export type ApiInput = Record<string, string | boolean>;

/** An IAM API call: the operation name as the API reference spells it and its request parameters. */
export interface ApiCall<Name extends string = IamWriteOperation> {
  name: Name;
  input: ApiInput;
}

/**
 * How to undo a step. `apiCall` is null when no single call undoes it, for
 * example a deleted console password, which can only be replaced.
 */
export interface StepRollback {
  description: string;
  cliCommand: string | null;
  apiCall: ApiCall<IamRollbackOperation> | null;
}

/**
 * One generated containment step. A step with `apiCall: null` is manual: a
 * person follows `instructions` in the console and marks it done.
 */
export interface ContainmentStepDraft {
  /** Stable id within a plan, for example `deactivate-access-key:AKIA…`; proposals deselect steps by it. */
  actionId: string;
  description: string;
  /** The AWS CLI command, or null when the step has no CLI equivalent. */
  cliCommand: string | null;
  apiCall: ApiCall | null;
  /** Console instructions, in order; empty for steps the API performs. */
  instructions: string[];
  rollback: StepRollback;
}

/** The principal a plan contains, as Watchfloor read it from the logs. */
export interface ContainmentPrincipal {
  key: string;
  /** CloudTrail userIdentity type: IAMUser, AssumedRole, Root, IdentityCenterUser, … */
  type: string;
  arn: string | null;
  name: string | null;
  accountId: string | null;
  /** ARN partition: aws, aws-cn or aws-us-gov. */
  partition: string;
}

/** A generated plan, before it is proposed. */
export interface ContainmentPlanDraft {
  incidentId: string;
  principal: ContainmentPrincipal;
  /** Step builder that applied: `iam-user`, `iam-role`, `root`, `identity-center-user` or `other`. */
  strategy: "iam-user" | "iam-role" | "root" | "identity-center-user" | "other";
  generatedAt: string;
  steps: ContainmentStepDraft[];
  /** Facts the plan relies on that a reviewer should know, for example a trust policy that is not in the logs. */
  notes: string[];
}

export const PLAN_STATUSES = ["proposed", "approved", "rejected", "completed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** `running` is held while a step's calls are in flight; `failed` may be retried. */
export const STEP_STATUSES = ["pending", "running", "done", "failed", "skipped"] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** Stored in `containment_steps.api_call`; `name` and `input` are null for a manual step. */
export interface StoredApiCall {
  name: IamWriteOperation | null;
  input: ApiInput | null;
  instructions: string[];
}
