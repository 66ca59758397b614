import type { DetectionLookups } from "../detection-lookups";
import { findWildcardStatement, parsePolicyDocument } from "../parse-policy-document";
import { partitionOf, requestString, requestValue } from "./read-event-fields";
import type { CandidateEvent, CloudTrailRule, RuleHit } from "./rule-types";

const FULL_SCORE = 40;
const FAMILIAR_SCORE = 10;

// The AWS managed policy in every partition (aws, aws-cn, aws-us-gov).
const ADMINISTRATOR_ACCESS = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

const MITRE = { tactics: ["TA0004", "TA0003"], techniques: ["T1098.003"] };

// Fields readPolicyTarget and scoreGrant read.
export const GRANT_FIELDS = [
  "errorCode",
  "requestParameters.userName",
  "requestParameters.roleName",
  "requestParameters.groupName",
  "requestParameters.policyArn",
  "sourceIPAddress",
  "userAgent",
];

/** Reads the user, group or role a policy call changes, with the principal key of a user or role. */
async function readPolicyTarget(
  event: CandidateEvent,
  lookups: DetectionLookups,
): Promise<{ target: Record<string, string> | null; subjectKey: string | null }> {
  const partition = partitionOf(event);
  const account = event.accountId ?? "unknown";
  const userName = requestString(event, "userName");
  if (userName !== null) {
    const subjectKey = await lookups.resolveUserKey({ accountId: event.accountId, userName, partition });
    return { target: { type: "user", name: userName }, subjectKey };
  }
  const roleName = requestString(event, "roleName");
  if (roleName !== null) {
    // NOTE: a role's path is not in the request, so a role under a path gets a key without it.
    return { target: { type: "role", name: roleName }, subjectKey: `arn:${partition}:iam::${account}:role/${roleName}` };
  }
  const groupName = requestString(event, "groupName");
  if (groupName !== null) {
    return { target: { type: "group", name: groupName }, subjectKey: null };
  }
  const policyArn = requestString(event, "policyArn");
  return { target: policyArn === null ? null : { type: "policy", arn: policyArn }, subjectKey: null };
}

/**
 * Scores a grant made from the caller's usual place (address or network) with
 * its usual user agent as routine administration, and any other grant in full.
 */
export async function scoreGrant(event: CandidateEvent, lookups: DetectionLookups, grant: Record<string, unknown>): Promise<RuleHit> {
  const place = await lookups.placeNovelty(event);
  const userAgent = await lookups.userAgentNovelty(event);
  const familiar = place.verdict === "known" && userAgent.verdict === "known";
  const { target, subjectKey } = await readPolicyTarget(event, lookups);
  const targetName = target?.name ?? target?.arn ?? "a policy";
  return {
    score: familiar ? FAMILIAR_SCORE : FULL_SCORE,
    severity: familiar ? "medium" : "high",
    title: `Administrator access granted to ${targetName}`,
    subjectKey,
    details: {
      ...grant,
      target,
      familiarAdministration: familiar,
      novelty: { address: place.address, network: place.network, userAgent },
    },
  };
}

export const attachAdministratorPolicyRule: CloudTrailRule = {
  id: "iam-attach-administrator-access",
  source: "cloudtrail",
  fields: GRANT_FIELDS,
  title: "AdministratorAccess attached",
  description:
    "The AWS managed policy AdministratorAccess was attached to a user, group or role, which " +
    "gives it every permission in the account. Check who attached it, whether a change request " +
    "covers it, and what the target did afterwards. Detach it if it was not planned.",
  severity: "high",
  phase: "privilege_escalation",
  score: FULL_SCORE,
  mitre: MITRE,
  references: [
    "https://attack.mitre.org/techniques/T1098/003/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html",
  ],
  eventNames: ["AttachUserPolicy", "AttachGroupPolicy", "AttachRolePolicy"],
  async match({ event, lookups }) {
    const policyArn = requestString(event, "policyArn");
    if (event.errorCode !== null || policyArn === null || !ADMINISTRATOR_ACCESS.test(policyArn)) {
      return null;
    }
    return scoreGrant(event, lookups, { policyArn });
  },
};

export const inlineAdministratorPolicyRule: CloudTrailRule = {
  id: "iam-allow-all-policy",
  source: "cloudtrail",
  fields: [...GRANT_FIELDS, "requestParameters.policyDocument", "requestParameters.policyName"],
  title: "Policy allowing every action written",
  description:
    "An inline policy allows every action (*) on every resource (*), which is administrator " +
    "access by another name. Check who wrote it, which principals the policy reaches, and " +
    "whether it replaced a narrower policy.",
  severity: "high",
  phase: "privilege_escalation",
  score: FULL_SCORE,
  mitre: MITRE,
  references: [
    "https://attack.mitre.org/techniques/T1098/003/",
    "https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html",
  ],
  eventNames: ["PutUserPolicy", "PutGroupPolicy", "PutRolePolicy"],
  async match({ event, lookups }) {
    if (event.errorCode !== null) {
      return null;
    }
    const document = parsePolicyDocument(requestValue(event, "policyDocument"));
    const statement = document === null ? null : findWildcardStatement(document, "Allow");
    if (statement === null) {
      return null;
    }
    return scoreGrant(event, lookups, { policyName: requestString(event, "policyName"), statement });
  },
};
