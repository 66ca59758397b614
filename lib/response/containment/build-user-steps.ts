import { buildPolicyGrantSteps, type PolicyGrant } from "./build-policy-grant-steps";
import type { ContainmentStepDraft } from "./containment-types";
import { formatCliCommand } from "./format-cli-command";
import { QUARANTINE_POLICY_NAME, quarantinePolicyDocument } from "./quarantine-policy";

/** A long-term access key to deactivate, with the IAM user that owns it. */
export interface UserAccessKey {
  accessKeyId: string;
  userName: string;
  /** True when an incident signal records its creation (CreateAccessKey during the incident). */
  createdInIncident: boolean;
}

export interface BuildUserStepsOptions {
  userName: string;
  accessKeys: readonly UserAccessKey[];
  grants: readonly PolicyGrant[];
}

/**
 * Builds the steps that contain an IAM user: deactivate every access key,
 * delete the console password, attach the deny-all inline policy, then
 * remove each policy granted during the incident.
 */
export function buildUserSteps(options: BuildUserStepsOptions): ContainmentStepDraft[] {
  return [
    ...options.accessKeys.map(deactivateAccessKeyStep),
    deleteLoginProfileStep(options.userName),
    quarantineUserStep(options.userName),
    ...buildPolicyGrantSteps(options.grants),
  ];
}

export function deactivateAccessKeyStep(key: UserAccessKey): ContainmentStepDraft {
  const options = (status: string) =>
    [
      ["--user-name", key.userName],
      ["--access-key-id", key.accessKeyId],
      ["--status", status],
    ] as const;
  const input = (status: string) => ({ UserName: key.userName, AccessKeyId: key.accessKeyId, Status: status });
  const origin = key.createdInIncident ? ", created during the incident" : "";
  const rollbackWarning = key.createdInIncident
    ? " The key was created during the incident, so reactivating it gives its holder access again; " +
      "delete it with `aws iam delete-access-key` once the investigation no longer needs it."
    : "";
  return {
    actionId: `deactivate-access-key:${key.accessKeyId}`,
    description: `Deactivate access key ${key.accessKeyId} of IAM user ${key.userName}${origin}.`,
    cliCommand: formatCliCommand("aws iam update-access-key", options("Inactive")),
    apiCall: { name: "UpdateAccessKey", input: input("Inactive") },
    instructions: [],
    rollback: {
      description: `Reactivate access key ${key.accessKeyId}.${rollbackWarning}`,
      cliCommand: formatCliCommand("aws iam update-access-key", options("Active")),
      apiCall: { name: "UpdateAccessKey", input: input("Active") },
    },
  };
}

export function deleteLoginProfileStep(userName: string): ContainmentStepDraft {
  return {
    actionId: "delete-login-profile",
    description:
      `Delete the console password (login profile) of IAM user ${userName}, which ends console sign-in ` +
      "with it. The user's access keys are not affected by this step.",
    cliCommand: formatCliCommand("aws iam delete-login-profile", [["--user-name", userName]]),
    apiCall: { name: "DeleteLoginProfile", input: { UserName: userName } },
    instructions: [],
    rollback: {
      description:
        "A deleted password cannot be restored. Create a new login profile with a new password and " +
        "require the user to reset it at the next sign-in.",
      cliCommand: formatCliCommand("aws iam create-login-profile", [
        ["--user-name", userName],
        ["--password", "<new password>"],
        ["--password-reset-required", true],
      ]),
      apiCall: {
        name: "CreateLoginProfile",
        input: { UserName: userName, Password: "<new password>", PasswordResetRequired: true },
      },
    },
  };
}

export function quarantineUserStep(userName: string): ContainmentStepDraft {
  const document = quarantinePolicyDocument();
  const removeOptions = [
    ["--user-name", userName],
    ["--policy-name", QUARANTINE_POLICY_NAME],
  ] as const;
  return {
    actionId: "attach-quarantine-policy",
    description:
      `Put the inline policy ${QUARANTINE_POLICY_NAME} on IAM user ${userName}: it denies every action on ` +
      "every resource, including calls signed with temporary credentials the user obtained earlier.",
    cliCommand: formatCliCommand("aws iam put-user-policy", [...removeOptions, ["--policy-document", document]]),
    apiCall: {
      name: "PutUserPolicy",
      input: { UserName: userName, PolicyName: QUARANTINE_POLICY_NAME, PolicyDocument: document },
    },
    instructions: [],
    rollback: {
      description: `Delete the inline policy ${QUARANTINE_POLICY_NAME} from ${userName}.`,
      cliCommand: formatCliCommand("aws iam delete-user-policy", removeOptions),
      apiCall: { name: "DeleteUserPolicy", input: { UserName: userName, PolicyName: QUARANTINE_POLICY_NAME } },
    },
  };
}
