import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { ADMINISTRATOR_ACCESS, type FixtureCaller, iamUserCall } from "../__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { seedUserHistory, signalsOf, TEST_TIME } from "../__fixtures__/seed-user-history";
import { runDetection } from "../run-detection";

useTestDatabase();

const ATTACH = "iam-attach-administrator-access";
const INLINE = "iam-allow-all-policy";

function iamCall(caller: FixtureCaller, eventName: string, requestParameters: Record<string, unknown>, errorCode?: string) {
  return iamUserCall({ caller, eventSource: "iam.amazonaws.com", eventName, time: TEST_TIME, requestParameters, errorCode });
}

async function detect(record: ReturnType<typeof iamCall>): Promise<void> {
  const { batchId } = await insertFixtureEvents([record]);
  await runDetection({ batchId });
}

const ALLOW_ALL = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

describe("AdministratorAccess rule", () => {
  it("scores an unfamiliar grant in full", async () => {
    const { abroad, principalKey } = await seedUserHistory("rosa");
    await detect(iamCall(abroad, "AttachUserPolicy", { userName: "rosa", policyArn: ADMINISTRATOR_ACCESS }));
    const [signal] = await signalsOf(ATTACH, principalKey);
    expect(signal.score).toBe(40);
    expect(signal.subjectKey).toBe(principalKey);
    expect(signal.techniqueIds).toEqual(["T1098.003"]);
  });

  it("scores familiar administration low", async () => {
    const { office, principalKey } = await seedUserHistory("sam");
    await detect(iamCall(office, "AttachUserPolicy", { userName: "tom", policyArn: ADMINISTRATOR_ACCESS }));
    const [signal] = await signalsOf(ATTACH, principalKey);
    expect(signal.score).toBe(10);
    expect(signal.subjectKey).toBe("arn:aws:iam::111122223333:user/tom");
  });

  it("matches a role target", async () => {
    const { abroad, principalKey } = await seedUserHistory("uma");
    await detect(iamCall(abroad, "AttachRolePolicy", { roleName: "ci", policyArn: ADMINISTRATOR_ACCESS }));
    const [signal] = await signalsOf(ATTACH, principalKey);
    expect(signal.subjectKey).toBe("arn:aws:iam::111122223333:role/ci");
  });

  it("ignores other policies", async () => {
    const { abroad, principalKey } = await seedUserHistory("victor");
    await detect(iamCall(abroad, "AttachUserPolicy", { userName: "victor", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }));
    expect(await signalsOf(ATTACH, principalKey)).toEqual([]);
  });

  it("ignores a failed attach", async () => {
    const { abroad, principalKey } = await seedUserHistory("wendy");
    await detect(iamCall(abroad, "AttachUserPolicy", { userName: "wendy", policyArn: ADMINISTRATOR_ACCESS }, "AccessDenied"));
    expect(await signalsOf(ATTACH, principalKey)).toEqual([]);
  });
});

describe("allow-all policy rule", () => {
  it("matches a URL-encoded inline policy", async () => {
    const { abroad, principalKey } = await seedUserHistory("xavier");
    await detect(iamCall(abroad, "PutUserPolicy", { userName: "xavier", policyName: "p", policyDocument: encodeURIComponent(ALLOW_ALL) }));
    const [signal] = await signalsOf(INLINE, principalKey);
    expect(signal.score).toBe(40);
  });

  it("leaves policy versions to their rule", async () => {
    const { abroad, principalKey } = await seedUserHistory("yara");
    const policyArn = "arn:aws:iam::111122223333:policy/reports";
    await detect(iamCall(abroad, "CreatePolicyVersion", { policyArn, policyDocument: ALLOW_ALL, setAsDefault: true }));
    expect(await signalsOf(INLINE, principalKey)).toEqual([]);
  });

  it("ignores a deny-all policy", async () => {
    const { abroad, principalKey } = await seedUserHistory("zoe");
    const denyAll = JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
    await detect(iamCall(abroad, "PutRolePolicy", { roleName: "ci", policyName: "p", policyDocument: denyAll }));
    expect(await signalsOf(INLINE, principalKey)).toEqual([]);
  });
});
