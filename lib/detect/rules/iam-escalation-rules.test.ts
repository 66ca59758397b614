import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { ADMINISTRATOR_ACCESS, historyCalls } from "../__fixtures__/cloudtrail-records";
import { callBy, detectRecords } from "../__fixtures__/detect-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";

useTestDatabase();

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
const POLICY_ARN = "arn:aws:iam::111122223333:policy/reports";
const PROFILE = { arn: "arn:aws:iam::111122223333:instance-profile/admin-profile" };

describe("default policy version rule", () => {
  it("flags an allow-all default version", async () => {
    const { abroad, principalKey } = await seedUserHistory("saul");
    await detectRecords([
      callBy(abroad, "CreatePolicyVersion", { requestParameters: { policyArn: POLICY_ARN, policyDocument: ALLOW_ALL, setAsDefault: true } }),
    ]);
    const [signal] = await signalsOf("iam-policy-version-allow-all", principalKey);
    expect(signal?.score).toBe(40);
    expect(signal?.title).toBe(`Allow-all version made default for ${POLICY_ARN}`);
  });

  it("ignores a version not made default", async () => {
    const { abroad, principalKey } = await seedUserHistory("tina");
    await detectRecords([
      callBy(abroad, "CreatePolicyVersion", { requestParameters: { policyArn: POLICY_ARN, policyDocument: ALLOW_ALL, setAsDefault: false } }),
    ]);
    expect(await signalsOf("iam-policy-version-allow-all", principalKey)).toEqual([]);
  });
});

describe("admin group rule", () => {
  it("flags a group named for administrators", async () => {
    const { office, principalKey } = await seedUserHistory("ugo");
    await detectRecords([callBy(office, "AddUserToGroup", { requestParameters: { groupName: "Admins", userName: "intern" } })]);
    const [signal] = await signalsOf("iam-user-added-to-admin-group", principalKey);
    expect(signal?.score).toBe(35);
  });

  it("flags a group given AdministratorAccess", async () => {
    const { abroad, principalKey } = await seedUserHistory("vera");
    await detectRecords([callBy(abroad, "AttachGroupPolicy", { requestParameters: { groupName: "ops", policyArn: ADMINISTRATOR_ACCESS } })]);
    await detectRecords([
      callBy(abroad, "AddUserToGroup", { requestParameters: { groupName: "ops", userName: "vera" }, time: "2026-11-17T10:05:00Z" }),
    ]);
    const [signal] = await signalsOf("iam-user-added-to-admin-group", principalKey);
    expect((signal?.details as Record<string, unknown>).adminBecause).toBe("policy seen on the group");
  });

  it("ignores an ordinary group", async () => {
    const { office, principalKey } = await seedUserHistory("walt");
    await detectRecords([callBy(office, "AddUserToGroup", { requestParameters: { groupName: "readers", userName: "x" } })]);
    expect(await signalsOf("iam-user-added-to-admin-group", principalKey)).toEqual([]);
  });
});

describe("pass role rule", () => {
  it("flags a first instance with a role", async () => {
    const { office, principalKey } = await seedUserHistory("xena");
    await detectRecords([callBy(office, "RunInstances", { eventSource: "ec2.amazonaws.com", requestParameters: { iamInstanceProfile: PROFILE } })]);
    const [signal] = await signalsOf("iam-pass-role-to-new-compute", principalKey);
    expect(signal?.techniqueIds).toEqual(["T1548.005"]);
  });

  it("ignores an instance without a role", async () => {
    const { office, principalKey } = await seedUserHistory("yuri");
    await detectRecords([callBy(office, "RunInstances", { eventSource: "ec2.amazonaws.com", requestParameters: { instanceType: "t3.micro" } })]);
    expect(await signalsOf("iam-pass-role-to-new-compute", principalKey)).toEqual([]);
  });

  it("ignores a principal that deploys daily", async () => {
    const { office, principalKey } = await seedUserHistory("zack");
    await insertFixtureEvents(
      historyCalls({ caller: office, until: "2026-11-16T00:00:00Z", days: 4, calls: [["lambda.amazonaws.com", "CreateFunction20150331"]] }),
    );
    await detectRecords([
      callBy(office, "CreateFunction20150331", {
        eventSource: "lambda.amazonaws.com",
        requestParameters: { functionName: "export", role: "arn:aws:iam::111122223333:role/export" },
      }),
    ]);
    expect(await signalsOf("iam-pass-role-to-new-compute", principalKey)).toEqual([]);
  });
});
