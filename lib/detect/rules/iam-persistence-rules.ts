import { getString } from "@/lib/sources/common/json-fields";

import { findOutsidePrincipals } from "../parse-policy-document";
import { partitionOf, requestString, requestValue } from "./read-event-fields";
import type { CandidateEvent, CloudTrailRule } from "./rule-types";

const PERSISTENCE = "TA0003";

/**
 * True when the call names a user other than the caller: the IAM user who
 * made it, or the person behind a role session named after them (as
 * Identity Center and most SAML set-ups name sessions).
 */
function forAnotherUser(event: CandidateEvent, userName: string | null): boolean {
  if (userName === null) {
    return false;
  }
  if (event.principalType === "IAMUser") {
    return event.principalName !== userName;
  }
  const sessionName = getString(event.record, "userIdentity", "arn")?.split("/").pop();
  return !(event.principalType === "AssumedRole" && sessionName === userName);
}

export const loginProfileRule: CloudTrailRule = {
  id: "iam-login-profile-created",
  source: "cloudtrail",
  title: "Console password created or reset for a user",
  description:
    "A console password (login profile) was created for an IAM user, or another user's password was " +
    "changed. Either gives console access to whoever chose the password, including for users that only " +
    "ever used keys. Check who made the call, whether the user needs console access, and sign-ins since.",
  severity: "medium",
  phase: "persistence",
  score: 15,
  mitre: { tactics: [PERSISTENCE, "TA0004"], techniques: ["T1098"] },
  references: [
    "https://attack.mitre.org/techniques/T1098/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html",
  ],
  fields: ["errorCode", "requestParameters.userName", "userIdentity.type", "userIdentity.userName", "userIdentity.arn"],
  eventNames: ["CreateLoginProfile", "UpdateLoginProfile"],
  async match({ event, lookups }) {
    const userName = requestString(event, "userName");
    const other = forAnotherUser(event, userName);
    // Users change their own password routinely; only a reset for someone else counts.
    if (event.errorCode !== null || (event.eventName === "UpdateLoginProfile" && !other)) {
      return null;
    }
    const target = userName ?? event.principalName ?? event.principalKey;
    const subjectKey =
      userName === null || !other
        ? event.principalKey
        : await lookups.resolveUserKey({ accountId: event.accountId, userName, partition: partitionOf(event) });
    const created = event.eventName === "CreateLoginProfile";
    return {
      score: other ? 25 : 15,
      severity: other ? "high" : "medium",
      title: created ? `Console password created for ${target}` : `Console password of ${target} reset by another user`,
      subjectKey,
      details: { targetUserName: userName, forAnotherUser: other },
    };
  },
};

export const createUserRule: CloudTrailRule = {
  id: "iam-user-created",
  source: "cloudtrail",
  title: "IAM user created",
  description:
    "A new IAM user was created. Attackers add users to keep access after the stolen credentials are " +
    "revoked. Check who created it, whether a change request covers it, and what keys, passwords and " +
    "policies the new user received next.",
  severity: "medium",
  phase: "persistence",
  score: 10,
  mitre: { tactics: [PERSISTENCE], techniques: ["T1136.003"] },
  references: [
    "https://attack.mitre.org/techniques/T1136/003/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html",
  ],
  fields: ["errorCode", "requestParameters.userName", "requestParameters.path"],
  eventNames: ["CreateUser"],
  async match({ event, lookups }) {
    const userName = requestString(event, "userName");
    if (event.errorCode !== null || userName === null) {
      return null;
    }
    const subjectKey = await lookups.resolveUserKey({ accountId: event.accountId, userName, partition: partitionOf(event) });
    return { title: `IAM user ${userName} created`, subjectKey, details: { targetUserName: userName } };
  },
};

export const roleTrustOutsideRule: CloudTrailRule = {
  id: "iam-role-trusts-outside-account",
  source: "cloudtrail",
  title: "Role trust policy admits another account",
  description:
    "A role's trust policy now lets a principal of another AWS account, or any account (*), assume it. " +
    "That is a backdoor that survives the removal of every user and key in this account. Check whether " +
    "the outside account belongs to the organisation, and revert the trust policy if it does not.",
  severity: "high",
  phase: "persistence",
  score: 30,
  mitre: { tactics: [PERSISTENCE], techniques: ["T1098"] },
  references: [
    "https://attack.mitre.org/techniques/T1098/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html",
  ],
  fields: [
    "errorCode",
    "recipientAccountId",
    "requestParameters.roleName",
    "requestParameters.policyDocument",
    "requestParameters.assumeRolePolicyDocument",
  ],
  eventNames: ["UpdateAssumeRolePolicy", "CreateRole"],
  async match({ event }) {
    if (event.errorCode !== null) {
      return null;
    }
    const document =
      event.eventName === "CreateRole" ? requestValue(event, "assumeRolePolicyDocument") : requestValue(event, "policyDocument");
    const account = getString(event.record, "recipientAccountId") ?? event.accountId;
    const outside = findOutsidePrincipals(document, account);
    if (outside.length === 0) {
      return null;
    }
    const roleName = requestString(event, "roleName");
    const anyone = outside.some((item) => item.principal === "*");
    return {
      score: anyone ? 40 : 30,
      severity: anyone ? "critical" : "high",
      title: `Role ${roleName ?? ""} trusts ${anyone ? "any AWS account" : outside.map((item) => item.accountId).join(", ")}`.replace("  ", " "),
      details: { roleName, outsidePrincipals: outside },
    };
  },
};
