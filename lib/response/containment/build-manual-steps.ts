import type { ContainmentStepDraft } from "./containment-types";

function manualStep(
  actionId: string,
  description: string,
  instructions: string[],
  rollback: string,
): ContainmentStepDraft {
  return {
    actionId,
    description,
    cliCommand: null,
    apiCall: null,
    instructions,
    rollback: { description: rollback, cliCommand: null, apiCall: null },
  };
}

/**
 * Builds the console steps that contain the root user. IAM policies do not
 * apply to the root user, so nothing here can be done with IAM API calls
 * signed by another principal.
 */
export function buildRootSteps(accountId: string | null): ContainmentStepDraft[] {
  const account = accountId ?? "the account";
  return [
    manualStep(
      "root-reset-password",
      `Change the root user's password of ${account}.`,
      [
        "Sign in at https://console.aws.amazon.com/ with the account's root email address; if the password no longer works, choose Forgot password.",
        "Open the account menu, choose Security credentials, and under Console sign-in choose Edit password.",
        "Set a new password kept in the team's break-glass store.",
      ],
      "Not reversible: the old password is gone. Share the new password through the break-glass store.",
    ),
    manualStep(
      "root-delete-access-keys",
      "Delete every access key of the root user.",
      [
        "On the root user's Security credentials page, under Access keys, choose Actions, then Deactivate for each key.",
        "Then choose Actions, then Delete for each key.",
      ],
      "A deleted key cannot be restored; root access keys should not exist, so none is created again.",
    ),
    manualStep(
      "root-replace-mfa",
      "Replace the root user's MFA devices.",
      [
        "On the Security credentials page, under Multi-factor authentication, remove every device the team does not hold.",
        "Choose Assign MFA device and register a device the team holds.",
      ],
      "Register the earlier device again from the same page, if the team still holds it.",
    ),
    manualStep(
      "root-review-account",
      "Review what the root user changed and contact AWS Support if the account's email or contact details changed.",
      [
        "Check the account's contact information and the alternate contacts (account menu, Account).",
        "Check the incident timeline for IAM users, roles and access keys created during the incident and contain them too.",
      ],
      "Nothing to undo: this step only reviews.",
    ),
  ];
}

/** Builds the console steps that contain an IAM Identity Center user. */
export function buildIdentityCenterSteps(userName: string): ContainmentStepDraft[] {
  return [
    manualStep(
      "identity-center-disable-user",
      `Disable user access for ${userName} in IAM Identity Center.`,
      [
        "Open the IAM Identity Center console and choose Users.",
        `Open ${userName} and choose Disable user access. The user can no longer sign in to the AWS access portal.`,
      ],
      "Choose Enable user access on the same page.",
    ),
    manualStep(
      "identity-center-revoke-sessions",
      `Delete the active sessions of ${userName}.`,
      [
        `On ${userName}'s page, open Active sessions, select every session and choose Delete session.`,
        "Role credentials already issued through permission sets stay valid until they expire; to end them now, " +
          "add a deny policy with the aws:TokenIssueTime condition to the permission sets the user had, and " +
          "reprovision them.",
      ],
      "Sessions cannot be restored; the user signs in again once access is enabled.",
    ),
    manualStep(
      "identity-center-reset-credentials",
      `Reset the password and MFA devices of ${userName}.`,
      [
        `On ${userName}'s page, choose Reset password and send the reset by email to an address the team trusts.`,
        "Under MFA devices, delete every device the user does not hold.",
      ],
      "Not reversible: the user registers new credentials.",
    ),
  ];
}

/** Builds a review step for principal types without a containment recipe. */
export function buildOtherSteps(type: string, key: string): ContainmentStepDraft[] {
  return [
    manualStep(
      "review-principal",
      `Contain the ${type} principal ${key} by hand: Watchfloor has no recipe for this identity type.`,
      [
        "Find the IAM user or role behind the principal (for a federated user, the IAM user that called GetFederationToken).",
        "Contain that user or role: deactivate its access keys, attach a deny-all policy, or revoke its role sessions.",
      ],
      "Undo the changes made in the console one by one.",
    ),
  ];
}
