import type { ContainmentStepDraft, IamRollbackOperation, IamWriteOperation } from "./containment-types";
import { formatCliCommand } from "./format-cli-command";

export type GrantTargetType = "user" | "role" | "group";

/**
 * A permission granted during the incident, read from a privilege-escalation
 * signal: a managed policy attached, an inline policy written, or a new
 * version of a managed policy.
 */
export type PolicyGrant =
  | { kind: "managed"; target: { type: GrantTargetType; name: string }; policyArn: string; eventId: string }
  | { kind: "inline"; target: { type: GrantTargetType; name: string }; policyName: string; eventId: string }
  | { kind: "policy-version"; policyArn: string; eventId: string; eventTime: string };

interface TargetApi {
  /** Request parameter and CLI option that name the target. */
  param: "UserName" | "RoleName" | "GroupName";
  flag: string;
  /** Noun in the CLI commands: user, role or group. */
  noun: string;
  detach: IamWriteOperation;
  attach: IamRollbackOperation;
  deleteInline: IamWriteOperation;
}

const TARGET_APIS: Record<GrantTargetType, TargetApi> = {
  user: {
    param: "UserName",
    flag: "--user-name",
    noun: "user",
    detach: "DetachUserPolicy",
    attach: "AttachUserPolicy",
    deleteInline: "DeleteUserPolicy",
  },
  role: {
    param: "RoleName",
    flag: "--role-name",
    noun: "role",
    detach: "DetachRolePolicy",
    attach: "AttachRolePolicy",
    deleteInline: "DeleteRolePolicy",
  },
  group: {
    param: "GroupName",
    flag: "--group-name",
    noun: "group",
    detach: "DetachGroupPolicy",
    attach: "AttachGroupPolicy",
    deleteInline: "DeleteGroupPolicy",
  },
};

/** Builds one step per grant, removing what the incident added; repeated grants give one step. */
export function buildPolicyGrantSteps(grants: readonly PolicyGrant[]): ContainmentStepDraft[] {
  const steps = new Map<string, ContainmentStepDraft>();
  for (const grant of grants) {
    const step = grantStep(grant);
    if (!steps.has(step.actionId)) {
      steps.set(step.actionId, step);
    }
  }
  return [...steps.values()];
}

function grantStep(grant: PolicyGrant): ContainmentStepDraft {
  switch (grant.kind) {
    case "managed":
      return detachManagedPolicyStep(grant);
    case "inline":
      return deleteInlinePolicyStep(grant);
    case "policy-version":
      return revertPolicyVersionStep(grant);
  }
}

function detachManagedPolicyStep(grant: Extract<PolicyGrant, { kind: "managed" }>): ContainmentStepDraft {
  const api = TARGET_APIS[grant.target.type];
  const options = [
    [api.flag, grant.target.name],
    ["--policy-arn", grant.policyArn],
  ] as const;
  const input = { [api.param]: grant.target.name, PolicyArn: grant.policyArn };
  return {
    actionId: `detach-${api.noun}-policy:${grant.target.name}:${grant.policyArn}`,
    description:
      `Detach the managed policy ${grant.policyArn} from IAM ${api.noun} ${grant.target.name}; ` +
      `it was attached during the incident (event ${grant.eventId}).`,
    cliCommand: formatCliCommand(`aws iam detach-${api.noun}-policy`, options),
    apiCall: { name: api.detach, input },
    instructions: [],
    rollback: {
      description:
        `Attach ${grant.policyArn} to ${grant.target.name} again. Do this only if the attachment turns out ` +
        "to have been legitimate, because it restores the permissions the attacker granted.",
      cliCommand: formatCliCommand(`aws iam attach-${api.noun}-policy`, options),
      apiCall: { name: api.attach, input },
    },
  };
}

function deleteInlinePolicyStep(grant: Extract<PolicyGrant, { kind: "inline" }>): ContainmentStepDraft {
  const api = TARGET_APIS[grant.target.type];
  const options = [
    [api.flag, grant.target.name],
    ["--policy-name", grant.policyName],
  ] as const;
  return {
    actionId: `delete-${api.noun}-policy:${grant.target.name}:${grant.policyName}`,
    description:
      `Delete the inline policy ${grant.policyName} from IAM ${api.noun} ${grant.target.name}; ` +
      `it was written during the incident (event ${grant.eventId}).`,
    cliCommand: formatCliCommand(`aws iam delete-${api.noun}-policy`, options),
    apiCall: { name: api.deleteInline, input: { [api.param]: grant.target.name, PolicyName: grant.policyName } },
    instructions: [],
    rollback: {
      description:
        `Put the inline policy back with the document from event ${grant.eventId} (its requestParameters.` +
        "policyDocument), saved as policy.json. Only do this if the policy turns out to have been legitimate.",
      cliCommand: formatCliCommand(`aws iam put-${api.noun}-policy`, [...options, ["--policy-document", "file://policy.json"]]),
      apiCall: null,
    },
  };
}

function revertPolicyVersionStep(grant: Extract<PolicyGrant, { kind: "policy-version" }>): ContainmentStepDraft {
  const arn = grant.policyArn;
  return {
    actionId: `revert-policy-version:${arn}`,
    description:
      `Make the version of ${arn} that was the default before ${grant.eventTime} the default again, then ` +
      `delete the version created during the incident (event ${grant.eventId}).`,
    cliCommand: formatCliCommand("aws iam list-policy-versions", [["--policy-arn", arn]]),
    apiCall: null,
    instructions: [
      `List the versions: aws iam list-policy-versions --policy-arn ${arn}`,
      `Set the earlier version as the default: aws iam set-default-policy-version --policy-arn ${arn} --version-id <earlier version>`,
      `Delete the version created during the incident: aws iam delete-policy-version --policy-arn ${arn} --version-id <new version>`,
    ],
    rollback: {
      description: "Set the version created during the incident as the default again, if it was not deleted.",
      cliCommand: formatCliCommand("aws iam set-default-policy-version", [
        ["--policy-arn", arn],
        ["--version-id", "<version>"],
      ]),
      apiCall: null,
    },
  };
}
