import { getString } from "@/lib/sources/common/json-fields";

import { findWildcardStatement, parsePolicyDocument } from "../parse-policy-document";
import { GRANT_FIELDS, scoreGrant } from "./privilege-escalation-rules";
import { partitionOf, requestBoolean, requestString, requestValue } from "./read-event-fields";
import type { CandidateEvent, CloudTrailRule } from "./rule-types";

const PRIVILEGE_ESCALATION = "TA0004";

export const policyVersionDefaultRule: CloudTrailRule = {
  id: "iam-policy-version-allow-all",
  source: "cloudtrail",
  title: "Allow-all policy version made the default",
  description:
    "A new version of a managed policy allows every action (*) on every resource (*) and was set as " +
    "the default, so every user, group and role the policy is attached to became an administrator at " +
    "once. Check the policy's attachments (ListEntitiesForPolicy) and restore the previous version.",
  severity: "high",
  phase: "privilege_escalation",
  score: 40,
  mitre: { tactics: [PRIVILEGE_ESCALATION, "TA0003"], techniques: ["T1098.003"] },
  references: [
    "https://attack.mitre.org/techniques/T1098/003/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicyVersion.html",
  ],
  fields: [...GRANT_FIELDS, "requestParameters.policyDocument", "requestParameters.setAsDefault"],
  eventNames: ["CreatePolicyVersion"],
  async match({ event, lookups }) {
    // A version that is not the default grants nothing until SetDefaultPolicyVersion.
    if (event.errorCode !== null || requestBoolean(event, "setAsDefault") !== true) {
      return null;
    }
    const document = parsePolicyDocument(requestValue(event, "policyDocument"));
    const statement = document === null ? null : findWildcardStatement(document, "Allow");
    if (statement === null) {
      return null;
    }
    const hit = await scoreGrant(event, lookups, { statement, setAsDefault: true });
    return { ...hit, title: `Allow-all version made default for ${requestString(event, "policyArn") ?? "a policy"}` };
  },
};

const ADMIN_GROUP_NAME = /admin/i;

export const adminGroupMembershipRule: CloudTrailRule = {
  id: "iam-user-added-to-admin-group",
  source: "cloudtrail",
  title: "User added to an administrators group",
  description:
    "A user was added to a group that grants administrator access: its name says so, or Watchfloor saw " +
    "AdministratorAccess or an allow-all policy given to it. Check who added the user, whether the " +
    "membership was requested, and what the user did with the new permissions.",
  severity: "high",
  phase: "privilege_escalation",
  score: 35,
  mitre: { tactics: [PRIVILEGE_ESCALATION, "TA0003"], techniques: ["T1098"] },
  references: [
    "https://attack.mitre.org/techniques/T1098/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html",
  ],
  fields: ["errorCode", "requestParameters.groupName", "requestParameters.userName"],
  eventNames: ["AddUserToGroup"],
  async match({ event, lookups }) {
    const groupName = requestString(event, "groupName");
    const userName = requestString(event, "userName");
    if (event.errorCode !== null || groupName === null || userName === null) {
      return null;
    }
    const byName = ADMIN_GROUP_NAME.test(groupName);
    const byPolicy = byName ? false : await lookups.groupGrantsAdministrator({ accountId: event.accountId, groupName });
    if (!byName && !byPolicy) {
      return null;
    }
    const subjectKey = await lookups.resolveUserKey({ accountId: event.accountId, userName, partition: partitionOf(event) });
    return {
      title: `${userName} added to group ${groupName}`,
      subjectKey,
      details: { groupName, targetUserName: userName, adminBecause: byName ? "group name" : "policy seen on the group" },
    };
  },
};

/** Reads the role a compute call passes: an instance profile for RunInstances, a role ARN for CreateFunction. */
function passedRole(event: CandidateEvent): string | null {
  if (event.eventName === "RunInstances") {
    return (
      getString(event.record, "requestParameters", "iamInstanceProfile", "arn") ??
      getString(event.record, "requestParameters", "iamInstanceProfile", "name")
    );
  }
  return requestString(event, "role");
}

export const passRoleToComputeRule: CloudTrailRule = {
  id: "iam-pass-role-to-new-compute",
  source: "cloudtrail",
  title: "Role passed to new compute",
  description:
    "An instance or Lambda function was created with a role (iam:PassRole) by a principal that had not " +
    "made this call before. Code on that compute acts with the role's permissions, which may exceed the " +
    "caller's own. Check the role's policies and what the new compute ran.",
  severity: "medium",
  phase: "privilege_escalation",
  score: 15,
  mitre: { tactics: [PRIVILEGE_ESCALATION], techniques: ["T1548.005"] },
  references: [
    "https://attack.mitre.org/techniques/T1548/005/",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
  ],
  fields: [
    "errorCode",
    "eventSource",
    "requestParameters.iamInstanceProfile.arn",
    "requestParameters.iamInstanceProfile.name",
    "requestParameters.role",
    "requestParameters.functionName",
  ],
  eventNames: ["RunInstances", "CreateFunction20150331", "CreateFunction"],
  async match({ event, lookups }) {
    const role = passedRole(event);
    if (event.errorCode !== null || role === null) {
      return null;
    }
    // Deployment pipelines create compute every day; a first such call is the unusual one.
    const api = await lookups.apiNovelty(event);
    if (api.verdict !== "new") {
      return null;
    }
    const compute = event.eventName === "RunInstances" ? "instance" : `function ${requestString(event, "functionName") ?? ""}`.trim();
    return { title: `Role ${role} passed to a new ${compute}`, details: { role, novelty: { api } } };
  },
};
