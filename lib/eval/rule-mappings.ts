/**
 * Panther rules (panther-labs/panther-analysis, rules/aws_cloudtrail_rules)
 * whose meaning matches a Watchfloor rule, so that their test fixtures'
 * expected results label Watchfloor's. Panther rules without an entry test
 * something no Watchfloor rule claims to detect and are left out.
 */
export const PANTHER_CLOUDTRAIL_RULES: Readonly<Record<string, string>> = {
  "AWS.Console.LoginWithoutMFA": "console-login-without-mfa",
  "AWS.Console.RootLogin": "root-activity",
  "AWS.Root.Activity": "root-activity",
  "AWS.CloudTrail.LoginProfileCreatedOrModified": "iam-login-profile-created",
  "AWS.User.Login.Profile.Modified": "iam-login-profile-created",
  "AWS.IAM.CreateUser": "iam-user-created",
  "AWS.IAM.BackdoorRole": "iam-role-trusts-outside-account",
  "AWS.IAM.AttachAdminUserPolicy": "iam-attach-administrator-access",
  "AWS.IAM.AttachAdminRolePolicy": "iam-attach-administrator-access",
  "AWS.IAM.Backdoor.User.Keys": "iam-create-access-key",
  "AWS.CloudTrail.Stopped": "cloudtrail-stop-or-delete",
  "AWS.CloudTrail.EventSelectorsDisabled": "cloudtrail-narrowed",
  "AWS.VPCFlow.LogsDeleted": "vpc-flow-logs-deleted",
  "AWS.CloudTrail.AMIModifiedForPublicAccess": "resource-shared-outside-account",
  "AWS.CloudTrail.SnapshotMadePublic": "resource-shared-outside-account",
  "AWS.RDS.SnapshotShared": "resource-shared-outside-account",
};

/**
 * Panther's GuardDuty rules fire on findings of one severity band that are
 * not sample findings; Watchfloor's guardduty-finding rule signals every
 * finding that is not a sample, in the band of its severity.
 */
export const PANTHER_GUARDDUTY_BANDS: Readonly<Record<string, string>> = {
  "AWS.GuardDuty.CriticalSeverityFinding": "Critical",
  "AWS.GuardDuty.HighSeverityFinding": "High",
  "AWS.GuardDuty.MediumSeverityFinding": "Medium",
  "AWS.GuardDuty.LowSeverityFinding": "Low",
};

/**
 * Watchfloor rules expected to fire on each Stratus Red Team detonation
 * (one technique per file). A file not listed, or listed with no rules,
 * detonates a technique no Watchfloor rule covers: every hit on it counts
 * as a false positive.
 */
export const STRATUS_EXPECTED_RULES: Readonly<Record<string, readonly string[]>> = {
  "aws.credential-access.ec2-get-password-data": ["access-denied-burst"],
  "aws.defense-evasion.cloudtrail-delete": ["cloudtrail-stop-or-delete"],
  "aws.defense-evasion.cloudtrail-event-selectors": ["cloudtrail-narrowed"],
  "aws.defense-evasion.cloudtrail-stop": ["cloudtrail-stop-or-delete"],
  "aws.defense-evasion.vpc-remove-flow-logs": ["vpc-flow-logs-deleted"],
  "aws.discovery.ec2-download-user-data": ["access-denied-burst"],
  "aws.exfiltration.ec2-security-group-open-port-22-ingress": ["ec2-security-group-open-to-world"],
  "aws.exfiltration.ec2-share-ami": ["resource-shared-outside-account"],
  "aws.exfiltration.ec2-share-ebs-snapshot": ["resource-shared-outside-account"],
  "aws.exfiltration.rds-share-snapshot": ["resource-shared-outside-account"],
  "aws.initial-access.console-login-without-mfa": ["console-login-without-mfa"],
  "aws.persistence.iam-backdoor-role": ["iam-role-trusts-outside-account"],
  "aws.persistence.iam-backdoor-user": ["iam-create-access-key"],
  "aws.persistence.iam-create-admin-user": ["iam-user-created", "iam-attach-administrator-access", "iam-create-access-key"],
  "aws.persistence.iam-create-backdoor-role": ["iam-role-trusts-outside-account", "iam-attach-administrator-access"],
  "aws.persistence.iam-create-user-login-profile": ["iam-login-profile-created"],
  "aws.privilege-escalation.iam-update-user-login-profile": ["iam-login-profile-created"],
};
