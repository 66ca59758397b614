import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { PARTNER_ACCOUNT, seedRoleIncident, trustPolicy } from "./__fixtures__/role-incident";
import { generateContainmentPlan } from "./generate-containment-plan";

useTestDatabase();

const NOW = new Date("2026-11-17T03:00:00Z");

describe("generateContainmentPlan for a role", () => {
  it("revokes sessions, detaches and tightens trust", async () => {
    const incidentId = await seedRoleIncident({ roleName: "ops-automation" });
    const plan = await generateContainmentPlan({ incidentId, now: NOW });

    expect(plan?.strategy).toBe("iam-role");
    expect(plan?.steps.map((step) => step.actionId)).toEqual([
      "revoke-role-sessions",
      "detach-role-policy:ops-automation:arn:aws:iam::aws:policy/AdministratorAccess",
      "tighten-trust-policy",
    ]);
    const [revoke, detach, trust] = plan?.steps ?? [];
    const revokeDocument =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],' +
      '"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-17T03:00:00.000Z"}}}]}';
    expect(revoke.cliCommand).toBe(
      `aws iam put-role-policy --role-name ops-automation --policy-name AWSRevokeOlderSessions --policy-document '${revokeDocument}'`,
    );
    expect(revoke.apiCall).toEqual({
      name: "PutRolePolicy",
      input: { RoleName: "ops-automation", PolicyName: "AWSRevokeOlderSessions", PolicyDocument: revokeDocument },
    });
    expect(revoke.rollback.cliCommand).toBe(
      "aws iam delete-role-policy --role-name ops-automation --policy-name AWSRevokeOlderSessions",
    );
    expect(detach.cliCommand).toBe(
      "aws iam detach-role-policy --role-name ops-automation --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
    );
    const tightened =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},' +
      '"Action":"sts:AssumeRole"}]}';
    expect(trust.apiCall).toEqual({
      name: "UpdateAssumeRolePolicy",
      input: { RoleName: "ops-automation", PolicyDocument: tightened },
    });
    expect(trust.description).toContain(`arn:aws:iam::${PARTNER_ACCOUNT}:root`);
    expect(trust.rollback.apiCall).toEqual({
      name: "UpdateAssumeRolePolicy",
      input: { RoleName: "ops-automation", PolicyDocument: JSON.stringify(trustPolicy()) },
    });
  });

  it("makes the trust step manual without logs", async () => {
    const incidentId = await seedRoleIncident({ roleName: "ops-unlogged", withEvents: false });
    const plan = await generateContainmentPlan({ incidentId, now: NOW });
    const trust = plan?.steps.find((step) => step.actionId === "tighten-trust-policy");

    expect(trust?.apiCall).toBeNull();
    expect(trust?.cliCommand).toBe(
      "aws iam update-assume-role-policy --role-name ops-unlogged --policy-document file://trust-policy.json",
    );
    expect(trust?.instructions[0]).toBe(
      "The trust policy is not in the ingested logs; read it with: aws iam get-role --role-name ops-unlogged --query Role.AssumeRolePolicyDocument",
    );
    expect(trust?.rollback.apiCall).toBeNull();
    expect(plan?.notes).toContain(
      "The trust policy of ops-unlogged is not in the ingested logs, so the trust step is a manual review.",
    );
  });

  it("returns null for an unknown incident", async () => {
    expect(await generateContainmentPlan({ incidentId: "00000000-0000-4000-8000-000000000000" })).toBeNull();
  });
});

async function seedIncidentFor(principal: { key: string; type: string; name: string; arn: string | null }): Promise<string> {
  const at = new Date("2026-11-17T02:00:00Z");
  await db().principal.create({
    data: { ...principal, accountId: "111122223333", firstSeen: at, lastSeen: at },
  });
  const incident = await db().incident.create({
    data: { title: "t", severity: "high", score: 60, principalKey: principal.key, accountId: "111122223333", firstSeen: at, lastSeen: at },
  });
  return incident.id;
}

describe("generateContainmentPlan by hand", () => {
  it("gives console steps for the root user", async () => {
    const incidentId = await seedIncidentFor({
      key: "arn:aws:iam::111122223333:root",
      type: "Root",
      name: "root",
      arn: "arn:aws:iam::111122223333:root",
    });
    const plan = await generateContainmentPlan({ incidentId, now: NOW });

    expect(plan?.strategy).toBe("root");
    expect(plan?.steps.map((step) => step.actionId)).toEqual([
      "root-reset-password",
      "root-delete-access-keys",
      "root-replace-mfa",
      "root-review-account",
    ]);
    expect(plan?.steps.every((step) => step.apiCall === null && step.cliCommand === null)).toBe(true);
    expect(plan?.steps[0].description).toBe("Change the root user's password of 111122223333.");
    expect(plan?.steps[0].instructions[0]).toMatch(/^Sign in at https:\/\/console\.aws\.amazon\.com\/ with the account's root email address/);
  });

  it("gives console steps for an Identity Center user", async () => {
    const incidentId = await seedIncidentFor({
      key: "identity-center:arn:aws:identitystore::111122223333:identitystore/d-9067642ac7/9067642ac7-0001",
      type: "IdentityCenterUser",
      name: "mallory@example.com",
      arn: null,
    });
    const plan = await generateContainmentPlan({ incidentId, now: NOW });

    expect(plan?.strategy).toBe("identity-center-user");
    expect(plan?.steps.map((step) => step.description)).toEqual([
      "Disable user access for mallory@example.com in IAM Identity Center.",
      "Delete the active sessions of mallory@example.com.",
      "Reset the password and MFA devices of mallory@example.com.",
    ]);
    expect(plan?.steps.every((step) => step.apiCall === null)).toBe(true);
  });
});
