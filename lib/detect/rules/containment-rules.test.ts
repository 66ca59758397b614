import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { ADMINISTRATOR_ACCESS, type FixtureCaller, iamUserCall } from "../__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";
import { runDetection } from "../run-detection";

useTestDatabase();

function iamCall(caller: FixtureCaller, eventName: string, time: string, requestParameters: Record<string, unknown>) {
  return iamUserCall({ caller, eventSource: "iam.amazonaws.com", eventName, time, requestParameters });
}

/** Seeds a suspect whose key attached AdministratorAccess from abroad, and a responder. */
async function seedSuspect(name: string) {
  const suspect = await seedUserHistory(name);
  const responder = await seedUserHistory(`${name}-responder`);
  const attack = iamCall(suspect.abroad, "AttachUserPolicy", "2026-11-17T10:00:00Z", { userName: name, policyArn: ADMINISTRATOR_ACCESS });
  return { suspect, responder, attack };
}

async function detect(records: ReturnType<typeof iamCall>[]): Promise<void> {
  const { batchId } = await insertFixtureEvents(records);
  await runDetection({ batchId });
}

describe("containment rules", () => {
  it("flags deactivating a suspect's key", async () => {
    const { suspect, responder, attack } = await seedSuspect("kim");
    await detect([
      attack,
      iamCall(responder.office, "UpdateAccessKey", "2026-11-17T10:05:00Z", {
        userName: "kim",
        accessKeyId: suspect.office.accessKeyId,
        status: "Inactive",
      }),
    ]);
    const [signal] = await signalsOf("containment-access-key-disabled", responder.principalKey);
    expect(signal.score).toBe(0);
    expect(signal.subjectKey).toBe(suspect.principalKey);
    expect(signal.relatedKeyId).toBe(suspect.office.accessKeyId);
  });

  it("finds the key owner without a user name", async () => {
    const { suspect, responder, attack } = await seedSuspect("lou");
    await detect([
      attack,
      iamCall(responder.office, "DeleteAccessKey", "2026-11-17T10:05:00Z", { accessKeyId: suspect.office.accessKeyId }),
    ]);
    const [signal] = await signalsOf("containment-access-key-disabled", responder.principalKey);
    expect(signal.subjectKey).toBe(suspect.principalKey);
  });

  it("ignores reactivating a key", async () => {
    const { suspect, responder, attack } = await seedSuspect("max");
    await detect([
      attack,
      iamCall(responder.office, "UpdateAccessKey", "2026-11-17T10:05:00Z", {
        userName: "max",
        accessKeyId: suspect.office.accessKeyId,
        status: "Active",
      }),
    ]);
    expect(await signalsOf("containment-access-key-disabled", responder.principalKey)).toEqual([]);
  });

  it("ignores routine rotation", async () => {
    const { office } = await seedUserHistory("ned");
    const responder = await seedUserHistory("ned-admin");
    await detect([
      iamCall(responder.office, "UpdateAccessKey", "2026-11-17T10:05:00Z", {
        userName: "ned",
        accessKeyId: office.accessKeyId,
        status: "Inactive",
      }),
    ]);
    expect(await signalsOf("containment-access-key-disabled", responder.principalKey)).toEqual([]);
  });

  it("flags detaching a suspect's policy", async () => {
    const { suspect, responder, attack } = await seedSuspect("ola");
    await detect([
      attack,
      iamCall(responder.office, "DetachUserPolicy", "2026-11-17T10:06:00Z", { userName: "ola", policyArn: ADMINISTRATOR_ACCESS }),
    ]);
    const [signal] = await signalsOf("containment-user-policy-removed", responder.principalKey);
    expect(signal.subjectKey).toBe(suspect.principalKey);
  });

  it("flags removing a suspect's console password", async () => {
    const { responder, attack } = await seedSuspect("pia");
    await detect([attack, iamCall(responder.office, "DeleteLoginProfile", "2026-11-17T10:06:00Z", { userName: "pia" })]);
    expect((await signalsOf("containment-login-profile-deleted", responder.principalKey)).length).toBe(1);
  });

  it("flags a deny-all inline policy", async () => {
    const { responder, attack } = await seedSuspect("raj");
    const policyDocument = JSON.stringify({ Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] });
    await detect([
      attack,
      iamCall(responder.office, "PutUserPolicy", "2026-11-17T10:06:00Z", { userName: "raj", policyName: "quarantine", policyDocument }),
    ]);
    expect((await signalsOf("containment-deny-all-policy", responder.principalKey)).length).toBe(1);
  });

  it("flags attaching AWSDenyAll", async () => {
    const { responder, attack } = await seedSuspect("sol");
    await detect([
      attack,
      iamCall(responder.office, "AttachUserPolicy", "2026-11-17T10:06:00Z", { userName: "sol", policyArn: "arn:aws:iam::aws:policy/AWSDenyAll" }),
    ]);
    expect((await signalsOf("containment-deny-all-policy", responder.principalKey)).length).toBe(1);
  });
});
