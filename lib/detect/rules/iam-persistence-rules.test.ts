import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { FIXTURE_ACCOUNT, userArn } from "../__fixtures__/cloudtrail-records";
import { callBy, detectRecords } from "../__fixtures__/detect-records";
import { seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";

useTestDatabase();

function trustPolicy(principal: unknown, condition?: unknown): string {
  const statement: Record<string, unknown> = { Effect: "Allow", Principal: principal, Action: "sts:AssumeRole" };
  if (condition !== undefined) {
    statement.Condition = condition;
  }
  return JSON.stringify({ Version: "2012-10-17", Statement: [statement] });
}

describe("login profile rule", () => {
  it("flags a password created for another user", async () => {
    const { office, principalKey } = await seedUserHistory("kate");
    await detectRecords([callBy(office, "CreateLoginProfile", { requestParameters: { userName: "svc-batch", passwordResetRequired: false } })]);
    const [signal] = await signalsOf("iam-login-profile-created", principalKey);
    expect(signal?.score).toBe(25);
    expect(signal?.subjectKey).toBe(userArn({ userName: "svc-batch" }));
  });

  it("flags resetting another user's password", async () => {
    const { office, principalKey } = await seedUserHistory("liam");
    await detectRecords([callBy(office, "UpdateLoginProfile", { requestParameters: { userName: "finance-lead" } })]);
    const [signal] = await signalsOf("iam-login-profile-created", principalKey);
    expect(signal?.title).toBe("Console password of finance-lead reset by another user");
  });

  it("ignores changing one's own password", async () => {
    const { office, principalKey } = await seedUserHistory("mia");
    await detectRecords([callBy(office, "UpdateLoginProfile", { requestParameters: { userName: "mia" } })]);
    expect(await signalsOf("iam-login-profile-created", principalKey)).toEqual([]);
  });
});

describe("login profile rule for role sessions", () => {
  it("ignores a session changing its own password", async () => {
    const { office, principalKey } = await seedUserHistory("sara");
    const record = callBy(office, "UpdateLoginProfile", {
      requestParameters: { userName: "sara" },
      edit: (item) => {
        item.userIdentity = {
          type: "AssumedRole",
          principalId: "AROATEST:sara",
          arn: "arn:aws:sts::111122223333:assumed-role/Engineers/sara",
          accountId: "111122223333",
          accessKeyId: "ASIATESTSARA0000001",
          sessionContext: { sessionIssuer: { type: "Role", arn: "arn:aws:iam::111122223333:role/Engineers", userName: "Engineers" } },
        };
      },
    });
    await detectRecords([record]);
    expect(await signalsOf("iam-login-profile-created", "arn:aws:iam::111122223333:role/Engineers")).toEqual([]);
    expect(await signalsOf("iam-login-profile-created", principalKey)).toEqual([]);
  });
});

describe("user created rule", () => {
  it("flags a new user", async () => {
    const { office, principalKey } = await seedUserHistory("nina");
    await detectRecords([callBy(office, "CreateUser", { requestParameters: { userName: "backup-admin" } })]);
    const [signal] = await signalsOf("iam-user-created", principalKey);
    expect(signal?.subjectKey).toBe(userArn({ userName: "backup-admin" }));
    expect(signal?.techniqueIds).toEqual(["T1136.003"]);
  });

  it("ignores a denied attempt", async () => {
    const { office, principalKey } = await seedUserHistory("omar");
    await detectRecords([callBy(office, "CreateUser", { requestParameters: { userName: "x" }, errorCode: "AccessDenied" })]);
    expect(await signalsOf("iam-user-created", principalKey)).toEqual([]);
  });
});

describe("role trust rule", () => {
  it("flags another account in the trust policy", async () => {
    const { office, principalKey } = await seedUserHistory("pia");
    const policyDocument = trustPolicy({ AWS: "arn:aws:iam::193672423079:root" });
    await detectRecords([callBy(office, "UpdateAssumeRolePolicy", { requestParameters: { roleName: "ops", policyDocument } })]);
    const [signal] = await signalsOf("iam-role-trusts-outside-account", principalKey);
    expect(signal?.score).toBe(30);
    expect(signal?.title).toBe("Role ops trusts 193672423079");
  });

  it("flags a new role trusting anyone", async () => {
    const { office, principalKey } = await seedUserHistory("quinn");
    const assumeRolePolicyDocument = trustPolicy({ AWS: "*" });
    await detectRecords([callBy(office, "CreateRole", { requestParameters: { roleName: "open", assumeRolePolicyDocument } })]);
    const [signal] = await signalsOf("iam-role-trusts-outside-account", principalKey);
    expect(signal?.severity).toBe("critical");
  });

  it("ignores the same account and services", async () => {
    const { office, principalKey } = await seedUserHistory("ruth");
    const policyDocument = JSON.stringify({
      Statement: [
        { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${FIXTURE_ACCOUNT}:role/ci` }, Action: "sts:AssumeRole" },
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    });
    await detectRecords([callBy(office, "UpdateAssumeRolePolicy", { requestParameters: { roleName: "ci", policyDocument } })]);
    expect(await signalsOf("iam-role-trusts-outside-account", principalKey)).toEqual([]);
  });
});
