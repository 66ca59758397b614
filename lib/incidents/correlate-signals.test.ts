import { randomUUID } from "node:crypto";

import { describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { correlateSignals } from "./correlate-signals";

useTestDatabase();

interface SignalFields {
  principalKey: string;
  eventTime: string;
  score: number;
  phase?: string;
  subjectKey?: string;
  accessKeyId?: string;
  relatedKeyId?: string;
  sourceIp?: string;
}

async function insertSignal(fields: SignalFields): Promise<bigint> {
  const signal = await db().signal.create({
    data: {
      ruleId: "test-rule",
      source: "cloudtrail",
      naturalId: randomUUID(),
      eventTime: new Date(fields.eventTime),
      phase: fields.phase ?? "privilege_escalation",
      severity: "high",
      score: fields.score,
      title: "test signal",
      principalKey: fields.principalKey,
      subjectKey: fields.subjectKey ?? null,
      accessKeyId: fields.accessKeyId ?? null,
      relatedKeyId: fields.relatedKeyId ?? null,
      sourceIp: fields.sourceIp ?? null,
      techniqueIds: [],
      details: { accountId: "111122223333" },
    },
  });
  return signal.id;
}

function user(name: string): string {
  return `arn:aws:iam::111122223333:user/${name}`;
}

async function incidentOf(signalId: bigint) {
  const signal = await db().signal.findUniqueOrThrow({ where: { id: signalId }, include: { incident: true } });
  return signal.incident;
}

describe("correlateSignals", () => {
  it("moves threshold for late signal", async () => {
    const principalKey = user("late");
    const first = await insertSignal({ principalKey, eventTime: "2026-11-17T10:00:00Z", score: 40 });
    await insertSignal({ principalKey, eventTime: "2026-11-17T10:30:00Z", score: 30 });
    await correlateSignals();
    expect((await incidentOf(first))?.thresholdCrossedAt?.toISOString()).toBe("2026-11-17T10:30:00.000Z");

    const late = await insertSignal({ principalKey, eventTime: "2026-11-17T09:50:00Z", score: 25 });
    const result = await correlateSignals();
    const incident = await incidentOf(late);
    expect(result).toEqual({ incidentsCreated: 0, incidentsUpdated: 1, incidentIds: [incident?.id] });
    expect(incident?.id).toBe((await incidentOf(first))?.id);
    expect(incident?.firstSeen.toISOString()).toBe("2026-11-17T09:50:00.000Z");
    expect(incident?.thresholdCrossedAt?.toISOString()).toBe("2026-11-17T10:00:00.000Z");
    expect(incident?.score).toBe(95);
  });

  it("joins by created key lineage", async () => {
    const attacker = user("lineage-source");
    const backdoor = user("lineage-backdoor");
    await db().accessKey.createMany({
      data: [
        { accessKeyId: "AKIALINEAGE000000001", principalKey: attacker },
        { accessKeyId: "AKIALINEAGE000000002", principalKey: backdoor, createdByKey: "AKIALINEAGE000000001" },
      ],
    });
    const first = await insertSignal({ principalKey: attacker, eventTime: "2026-11-17T10:00:00Z", score: 20, accessKeyId: "AKIALINEAGE000000001" });
    await correlateSignals();
    const second = await insertSignal({ principalKey: backdoor, eventTime: "2026-11-17T11:00:00Z", score: 40, accessKeyId: "AKIALINEAGE000000002" });
    await correlateSignals();
    expect((await incidentOf(second))?.id).toBe((await incidentOf(first))?.id);
  });

  it("holds containment until its attack", async () => {
    const suspect = user("contained");
    const containment = await insertSignal({
      principalKey: user("responder"),
      eventTime: "2026-11-17T10:30:00Z",
      score: 0,
      phase: "containment",
      subjectKey: suspect,
    });
    const empty = await correlateSignals();
    expect(empty.incidentsCreated).toBe(0);
    expect(await incidentOf(containment)).toBeNull();

    const attack = await insertSignal({ principalKey: suspect, eventTime: "2026-11-17T10:00:00Z", score: 60 });
    await correlateSignals();
    const incident = await incidentOf(containment);
    expect(incident?.id).toBe((await incidentOf(attack))?.id);
    expect(incident?.containedAt?.toISOString()).toBe("2026-11-17T10:30:00.000Z");
    expect(incident?.principalKey).toBe(suspect);
  });

  it("opens a new incident outside the window", async () => {
    const principalKey = user("far-apart");
    const first = await insertSignal({ principalKey, eventTime: "2026-11-10T10:00:00Z", score: 20 });
    const second = await insertSignal({ principalKey, eventTime: "2026-11-17T10:00:00Z", score: 20 });
    const result = await correlateSignals();
    expect(result.incidentsCreated).toBe(2);
    expect((await incidentOf(first))?.id).not.toBe((await incidentOf(second))?.id);
  });

  it("opens new incident after closure", async () => {
    const principalKey = user("reviewed");
    const first = await insertSignal({ principalKey, eventTime: "2026-11-17T10:00:00Z", score: 20 });
    await correlateSignals();
    const closed = await incidentOf(first);
    await db().incident.update({ where: { id: closed?.id }, data: { status: "closed" } });
    const later = await insertSignal({ principalKey, eventTime: "2026-11-17T12:00:00Z", score: 20 });
    await correlateSignals();
    expect((await incidentOf(later))?.id).not.toBe(closed?.id);
  });

  it("leaves low scores unflagged", async () => {
    const principalKey = user("quiet");
    const only = await insertSignal({ principalKey, eventTime: "2026-11-17T10:00:00Z", score: 10 });
    await correlateSignals();
    const incident = await incidentOf(only);
    expect(incident?.thresholdCrossedAt).toBeNull();
    expect(incident?.severity).toBe("high");
    expect(incident?.accountId).toBe("111122223333");
  });

  it("joins another principal by an unfamiliar shared address", async () => {
    const address = "85.17.31.122";
    const stolen = await insertSignal({ principalKey: user("address-first"), eventTime: "2026-11-17T10:00:00Z", score: 30, sourceIp: address });
    await correlateSignals();
    const second = await insertSignal({ principalKey: user("address-second"), eventTime: "2026-11-17T10:20:00Z", score: 30, sourceIp: address });
    await correlateSignals();
    const incident = await incidentOf(second);
    expect(incident?.id).toBe((await incidentOf(stolen))?.id);
    expect(incident?.principalKey).toBe(user("address-first"));
  });

  it("keeps usual-place administration apart", async () => {
    const office = "198.51.100.20";
    const admin = user("usual-admin");
    await db().baselineEntry.create({
      data: {
        principalKey: admin,
        dimension: "ip",
        value: office,
        firstSeen: new Date("2026-10-01T09:00:00Z"),
        lastSeen: new Date("2026-11-17T09:00:00Z"),
        count: 400,
      },
    });
    const attack = await insertSignal({ principalKey: user("address-victim"), eventTime: "2026-11-17T10:00:00Z", score: 30, sourceIp: office });
    const routine = await insertSignal({ principalKey: admin, eventTime: "2026-11-17T10:05:00Z", score: 30, sourceIp: office });
    await correlateSignals();
    expect((await incidentOf(routine))?.id).not.toBe((await incidentOf(attack))?.id);
  });
});
