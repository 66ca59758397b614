import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { seedUserHistory } from "./__fixtures__/seed-user-history";
import { runDetection } from "./run-detection";

useTestDatabase();

let findingCounter = 0;

async function insertFinding(fields: {
  type?: string;
  severity?: number;
  severityLabel?: string;
  principalKey?: string | null;
  accessKeyId?: string | null;
  sample?: boolean;
  details?: object;
}): Promise<string> {
  findingCounter += 1;
  const id = `f${String(findingCounter).padStart(31, "0")}`;
  await db().finding.create({
    data: {
      id,
      type: fields.type ?? "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
      title: "API call from a known malicious address",
      severity: fields.severity ?? 5,
      severityLabel: fields.severityLabel ?? "Medium",
      accountId: "111122223333",
      region: "us-east-1",
      createdAt: new Date("2026-11-17T02:14:40.512Z"),
      updatedAt: new Date("2026-11-17T02:14:40.512Z"),
      sample: fields.sample ?? false,
      principalKey: fields.principalKey ?? null,
      accessKeyId: fields.accessKeyId ?? null,
      remoteIps: ["85.17.31.122"],
      details: fields.details ?? {},
    },
  });
  return id;
}

function signalOf(findingId: string) {
  return db().signal.findFirst({ where: { ruleId: "guardduty-finding", naturalId: findingId } });
}

describe("GuardDuty finding signals", () => {
  it("signals a finding in its phase", async () => {
    const id = await insertFinding({ principalKey: "arn:aws:iam::111122223333:user/ann" });
    await runDetection({});
    const signal = await signalOf(id);
    expect(signal?.phase).toBe("detection");
    expect(signal?.score).toBe(20);
    expect(signal?.severity).toBe("medium");
    expect(signal?.eventTime.toISOString()).toBe("2026-11-17T02:14:40.512Z");
    expect(signal?.principalKey).toBe("arn:aws:iam::111122223333:user/ann");
    expect(signal?.sourceIp).toBe("85.17.31.122");
    expect(signal?.techniqueIds).toEqual(["T1078.004"]);
  });

  it("skips sample findings", async () => {
    const id = await insertFinding({ sample: true, principalKey: "arn:aws:iam::111122223333:user/ann" });
    await runDetection({});
    expect(await signalOf(id)).toBeNull();
  });

  it("takes the principal from the access key", async () => {
    const { office, principalKey } = await seedUserHistory("ben");
    const id = await insertFinding({ accessKeyId: office.accessKeyId });
    await runDetection({});
    expect((await signalOf(id))?.principalKey).toBe(principalKey);
    expect((await signalOf(id))?.accessKeyId).toBe(office.accessKeyId);
  });

  it("groups instance findings by instance", async () => {
    const id = await insertFinding({
      type: "Recon:EC2/PortProbeUnprotectedPort",
      severity: 2,
      severityLabel: "Low",
      details: { instance: { instanceId: "i-04d8b2e6f1a9c7353" } },
    });
    await runDetection({});
    const signal = await signalOf(id);
    expect(signal?.principalKey).toBe("ec2-instance:i-04d8b2e6f1a9c7353");
    expect(signal?.phase).toBe("reconnaissance");
    expect(signal?.score).toBe(10);
  });

  it("re-scores a finding raised to High", async () => {
    const id = await insertFinding({ principalKey: "arn:aws:iam::111122223333:user/cleo" });
    await runDetection({});
    await db().finding.update({ where: { id }, data: { severity: 8, severityLabel: "High" } });
    const rerun = await runDetection({});
    expect(rerun.signals).toBe(0);
    expect((await signalOf(id))?.score).toBe(40);
    expect(await db().signal.count({ where: { naturalId: id } })).toBe(1);
  });
});
