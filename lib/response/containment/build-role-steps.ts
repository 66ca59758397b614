import { buildPolicyGrantSteps, type PolicyGrant } from "./build-policy-grant-steps";
import type { ContainmentStepDraft } from "./containment-types";
import { formatCliCommand } from "./format-cli-command";
import { REVOKE_SESSIONS_POLICY_NAME, revokeSessionsPolicyDocument } from "./quarantine-policy";
import { tightenTrustPolicy, type RoleAssumer } from "./tighten-trust-policy";
import type { JsonObject } from "@/lib/sources/common/json-fields";

/** The role's trust policy as last seen in CloudTrail (CreateRole or UpdateAssumeRolePolicy). */
export interface KnownTrustPolicy {
  document: JsonObject;
  eventId: string;
  eventTime: string;
}

export interface BuildRoleStepsOptions {
  roleName: string;
  accountId: string | null;
  /** Sessions issued before this time are revoked. */
  issuedBefore: Date;
  trustPolicy: KnownTrustPolicy | null;
  assumers: readonly RoleAssumer[];
  grants: readonly PolicyGrant[];
}

/**
 * Builds the steps that contain an IAM role used through assumed-role
 * sessions: revoke the sessions issued so far, remove what the incident
 * granted, and tighten the trust policy.
 */
export function buildRoleSteps(options: BuildRoleStepsOptions): ContainmentStepDraft[] {
  return [
    revokeRoleSessionsStep(options.roleName, options.issuedBefore),
    ...buildPolicyGrantSteps(options.grants),
    tightenTrustPolicyStep(options),
  ];
}

export function revokeRoleSessionsStep(roleName: string, issuedBefore: Date): ContainmentStepDraft {
  const document = revokeSessionsPolicyDocument(issuedBefore);
  const nameOptions = [
    ["--role-name", roleName],
    ["--policy-name", REVOKE_SESSIONS_POLICY_NAME],
  ] as const;
  return {
    actionId: "revoke-role-sessions",
    description:
      `Revoke the active sessions of IAM role ${roleName}: put the inline policy ${REVOKE_SESSIONS_POLICY_NAME}, ` +
      `which denies every action to credentials issued before ${issuedBefore.toISOString()}. When Watchfloor ` +
      "runs the step, it uses the time of the call instead, so sessions issued after the plan was written are " +
      "revoked too.",
    cliCommand: formatCliCommand("aws iam put-role-policy", [...nameOptions, ["--policy-document", document]]),
    apiCall: {
      name: "PutRolePolicy",
      input: { RoleName: roleName, PolicyName: REVOKE_SESSIONS_POLICY_NAME, PolicyDocument: document },
    },
    instructions: [],
    rollback: {
      description:
        `Delete the inline policy ${REVOKE_SESSIONS_POLICY_NAME} from ${roleName}. Sessions it revoked become ` +
        "usable again until they expire.",
      cliCommand: formatCliCommand("aws iam delete-role-policy", nameOptions),
      apiCall: { name: "DeleteRolePolicy", input: { RoleName: roleName, PolicyName: REVOKE_SESSIONS_POLICY_NAME } },
    },
  };
}

function tightenTrustPolicyStep(options: BuildRoleStepsOptions): ContainmentStepDraft {
  const { roleName, trustPolicy } = options;
  const tightened = trustPolicy
    ? tightenTrustPolicy({ document: trustPolicy.document, assumers: options.assumers, roleAccountId: options.accountId })
    : null;
  const restore = trustPolicy ? JSON.stringify(trustPolicy.document) : null;
  const rollback = {
    description: trustPolicy
      ? `Put back the trust policy from event ${trustPolicy.eventId} (${trustPolicy.eventTime}).`
      : "Put back the trust policy saved before the change (aws iam get-role shows it).",
    cliCommand: formatCliCommand("aws iam update-assume-role-policy", [
      ["--role-name", roleName],
      ["--policy-document", restore ?? "file://previous-trust-policy.json"],
    ]),
    apiCall: restore
      ? { name: "UpdateAssumeRolePolicy" as const, input: { RoleName: roleName, PolicyDocument: restore } }
      : null,
  };
  if (tightened?.document) {
    const document = JSON.stringify(tightened.document);
    return {
      actionId: "tighten-trust-policy",
      description:
        `Remove ${tightened.removed.join(", ")} from the trust policy of IAM role ${roleName}; the role was ` +
        "assumed through them during the incident.",
      cliCommand: formatCliCommand("aws iam update-assume-role-policy", [
        ["--role-name", roleName],
        ["--policy-document", document],
      ]),
      apiCall: { name: "UpdateAssumeRolePolicy", input: { RoleName: roleName, PolicyDocument: document } },
      instructions: [],
      rollback,
    };
  }
  return {
    actionId: "tighten-trust-policy",
    description: `Review the trust policy of IAM role ${roleName} and remove the principals listed below.`,
    cliCommand: formatCliCommand("aws iam update-assume-role-policy", [
      ["--role-name", roleName],
      ["--policy-document", "file://trust-policy.json"],
    ]),
    apiCall: null,
    instructions: trustReviewInstructions(options),
    rollback,
  };
}

function trustReviewInstructions(options: BuildRoleStepsOptions): string[] {
  const { roleName, trustPolicy } = options;
  const callers = options.assumers.map((assumer) => assumer.arn ?? `account ${assumer.accountId ?? "unknown"}`);
  return [
    trustPolicy
      ? `Current trust policy (event ${trustPolicy.eventId}, ${trustPolicy.eventTime}): ${JSON.stringify(trustPolicy.document)}`
      : `The trust policy is not in the ingested logs; read it with: aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument`,
    callers.length > 0
      ? `Principals that assumed the role during the incident, to remove or restrict with a Condition: ${callers.join(", ")}.`
      : "No AssumeRole call for this role is in the ingested logs of the incident's window; remove every principal that does not need the role.",
    `In the IAM console, open Roles, then ${roleName}, then Trust relationships, choose Edit trust policy, remove those principals and choose Update policy.`,
  ];
}
