/** Name of the inline deny-all policy a plan puts on an IAM user. */
export const QUARANTINE_POLICY_NAME = "WatchfloorQuarantine";

/**
 * Name the IAM console gives the inline policy of "Revoke active sessions"
 * on a role; using it too lets responders recognise the policy.
 */
export const REVOKE_SESSIONS_POLICY_NAME = "AWSRevokeOlderSessions";

/**
 * Denies every action on every resource. An explicit Deny wins over any
 * Allow in IAM policy evaluation, so it also covers permissions the attacker
 * granted that the plan does not know about.
 */
export function quarantinePolicyDocument(): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Sid: "WatchfloorQuarantine", Effect: "Deny", Action: "*", Resource: "*" }],
  });
}

/**
 * Denies every action to sessions whose credentials were issued before
 * `issuedBefore`, as the console's "Revoke active sessions" does. Sessions
 * issued later, for example by the role's legitimate users, are unaffected.
 */
export function revokeSessionsPolicyDocument(issuedBefore: Date): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Deny",
        Action: ["*"],
        Resource: ["*"],
        Condition: { DateLessThan: { "aws:TokenIssueTime": issuedBefore.toISOString() } },
      },
    ],
  });
}
