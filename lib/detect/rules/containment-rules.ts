import type { DetectionLookups } from "../detection-lookups";
import { deniesAllActions } from "../parse-policy-document";
import { partitionOf, requestString, requestValue } from "./read-event-fields";
import type { CandidateEvent, CloudTrailRule } from "./rule-types";

/** Resolves the user a containment call acts on, and the access key when it names one. */
async function resolveContainmentTarget(
  event: CandidateEvent,
  lookups: DetectionLookups,
): Promise<{ subjectKey: string; userName: string | null; accessKeyId: string | null }> {
  const userName = requestString(event, "userName");
  const accessKeyId = requestString(event, "accessKeyId");
  if (userName !== null) {
    const subjectKey = await lookups.resolveUserKey({ accountId: event.accountId, userName, partition: partitionOf(event) });
    return { subjectKey, userName, accessKeyId };
  }
  // Without UserName, IAM acts on the key's owner, which is the caller itself.
  const owner = accessKeyId === null ? null : await lookups.accessKeyOwner(accessKeyId);
  return { subjectKey: owner ?? event.principalKey, userName: null, accessKeyId };
}

const CONTAINMENT_FIELDS = [
  "errorCode",
  "requestParameters.userName",
  "requestParameters.accessKeyId",
  "requestParameters.status",
  "requestParameters.policyDocument",
  "requestParameters.policyArn",
];

interface ContainmentRuleSpec {
  id: string;
  title: string;
  description: string;
  eventNames: readonly string[];
  /** False for calls of these names that do not contain anything (reactivating a key). */
  accepts?: (event: CandidateEvent) => boolean;
  /** Past-tense action for the signal title, such as "access key deactivated". */
  action: (event: CandidateEvent) => string;
  references: string[];
}

/**
 * Builds a containment rule. A responder's call counts as containment only
 * when it succeeds and acts on a principal under suspicion (see DetectionLookups.isContainmentTarget), so
 * routine key rotation stays out of incidents. It adds nothing to the score.
 */
function createContainmentRule(spec: ContainmentRuleSpec): CloudTrailRule {
  return {
    id: spec.id,
    source: "cloudtrail",
    title: spec.title,
    description: spec.description,
    severity: "low",
    phase: "containment",
    score: 0,
    mitre: { tactics: [], techniques: [] },
    references: spec.references,
    fields: CONTAINMENT_FIELDS,
    eventNames: spec.eventNames,
    async match({ event, lookups }) {
      if (event.errorCode !== null || (spec.accepts !== undefined && !spec.accepts(event))) {
        return null;
      }
      const target = await resolveContainmentTarget(event, lookups);
      const at = event.eventTime;
      if (!(await lookups.isContainmentTarget({ principalKey: target.subjectKey, accessKeyId: target.accessKeyId, at }))) {
        return null;
      }
      const name = target.userName ?? target.subjectKey;
      return {
        title: `${spec.action(event)} for ${name}`,
        subjectKey: target.subjectKey,
        relatedKeyId: target.accessKeyId,
        details: { targetUserName: target.userName, responder: event.principalName ?? event.principalKey },
      };
    },
  };
}

// Managed policies that deny every action: AWSDenyAll, and the quarantine
// policies AWS attaches to a user whose key was found exposed.
const DENY_ALL_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/(AWSDenyAll|AWSCompromisedKeyQuarantine(V\d+)?)$/;

export const deactivateAccessKeyRule = createContainmentRule({
  id: "containment-access-key-disabled",
  title: "Access key deactivated or deleted",
  description:
    "A responder deactivated or deleted an access key of a principal under suspicion. Confirm " +
    "that every key in the incident's lineage is inactive and that no call was signed with it after this time.",
  eventNames: ["UpdateAccessKey", "DeleteAccessKey"],
  accepts: (event) => event.eventName === "DeleteAccessKey" || requestString(event, "status") === "Inactive",
  action: (event) => (event.eventName === "DeleteAccessKey" ? "Access key deleted" : "Access key deactivated"),
  references: ["https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html"],
});

export const removeUserPolicyRule = createContainmentRule({
  id: "containment-user-policy-removed",
  title: "Policy removed from a user",
  description:
    "A responder detached a managed policy or deleted an inline policy of a user under suspicion. " +
    "Check that the policies left on the user are the intended ones (ListAttachedUserPolicies, ListUserPolicies).",
  eventNames: ["DetachUserPolicy", "DeleteUserPolicy"],
  action: () => "Policy removed",
  references: ["https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachUserPolicy.html"],
});

export const deleteLoginProfileRule = createContainmentRule({
  id: "containment-login-profile-deleted",
  title: "Console password removed",
  description:
    "A responder deleted the console password of a user under suspicion, so the user can no " +
    "longer sign in to the console. Sessions already open stay valid until they expire.",
  eventNames: ["DeleteLoginProfile"],
  action: () => "Console password removed",
  references: ["https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteLoginProfile.html"],
});

export const denyAllPolicyRule = createContainmentRule({
  id: "containment-deny-all-policy",
  title: "Deny-all policy applied to a user",
  description:
    "A responder applied a policy that denies every action to a user under suspicion, which " +
    "blocks its keys and sessions at once. Keep it until every credential of the user is replaced.",
  eventNames: ["PutUserPolicy", "AttachUserPolicy"],
  accepts: (event) =>
    event.eventName === "PutUserPolicy"
      ? deniesAllActions(requestValue(event, "policyDocument"))
      : DENY_ALL_POLICY.test(requestString(event, "policyArn") ?? ""),
  action: () => "Deny-all policy applied",
  references: ["https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html"],
});
