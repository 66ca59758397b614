import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import {
  ALICE_KEY,
  attackRecords,
  breakGlassRecords,
  containmentRecords,
  historyRecords,
  insertGuardDutyFinding,
  REPORTS_SVC_KEY,
  SCENARIO_KEYS,
} from "@/lib/detect/__fixtures__/account-compromise";
import { insertFixtureEvents } from "@/lib/detect/__fixtures__/insert-fixture-events";
import { runDetection } from "@/lib/detect/run-detection";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { correlateSignals } from "./correlate-signals";

useTestDatabase();

async function ingest(records: Parameters<typeof insertFixtureEvents>[0]): Promise<void> {
  const { batchId } = await insertFixtureEvents(records);
  await runDetection({ batchId });
  await correlateSignals({ now: new Date("2026-11-20T00:00:00Z") });
}

async function attackIncident() {
  return db().incident.findFirstOrThrow({
    where: { principalKey: REPORTS_SVC_KEY },
    include: { signals: { orderBy: [{ eventTime: "asc" }, { id: "asc" }] } },
  });
}

describe("account compromise ingested in order", () => {
  beforeAll(async () => {
    await ingest(historyRecords());
    await insertGuardDutyFinding();
    await ingest([...attackRecords(), ...containmentRecords()]);
    await ingest(breakGlassRecords());
  });

  it("opens one incident for reports-svc", async () => {
    expect(await db().incident.count({ where: { principalKey: REPORTS_SVC_KEY } })).toBe(1);
  });

  it("orders the phases of the attack", async () => {
    const incident = await attackIncident();
    const timeline = incident.signals.map((signal) => [signal.phase, signal.eventTime.toISOString()]);
    expect(timeline).toEqual([
      ["detection", "2026-11-17T02:14:40.512Z"],
      ["persistence", "2026-11-17T02:16:31.000Z"],
      ["reconnaissance", "2026-11-17T02:18:12.000Z"],
      ["privilege_escalation", "2026-11-17T02:21:47.000Z"],
      ["defense_evasion", "2026-11-17T02:23:09.000Z"],
      ["containment", "2026-11-17T02:27:14.000Z"],
      ["containment", "2026-11-17T02:27:38.000Z"],
      ["containment", "2026-11-17T02:27:55.000Z"],
    ]);
  });

  it("scores each signal", async () => {
    const incident = await attackIncident();
    expect(incident.signals.map((signal) => signal.score)).toEqual([20, 25, 10, 40, 30, 0, 0, 0]);
  });

  it("crosses the threshold at AdministratorAccess", async () => {
    const incident = await attackIncident();
    expect(incident.thresholdCrossedAt?.toISOString()).toBe("2026-11-17T02:21:47.000Z");
  });

  it("sets containment time", async () => {
    const incident = await attackIncident();
    expect(incident.containedAt?.toISOString()).toBe("2026-11-17T02:27:55.000Z");
  });

  it("summarises the incident", async () => {
    const incident = await attackIncident();
    expect(incident.title).toBe("Access key misuse and privilege escalation by reports-svc");
    expect(incident.score).toBe(125);
    expect(incident.severity).toBe("critical");
    expect(incident.accountId).toBe("111122223333");
    expect(incident.firstSeen.toISOString()).toBe("2026-11-17T02:14:40.512Z");
    expect(incident.lastSeen.toISOString()).toBe("2026-11-17T02:27:55.000Z");
  });

  it("links the created key to reports-svc", async () => {
    const key = await db().accessKey.findUniqueOrThrow({ where: { accessKeyId: SCENARIO_KEYS.created } });
    expect(key.principalKey).toBe(REPORTS_SVC_KEY);
    expect(key.createdByKey).toBe(SCENARIO_KEYS.stolen);
    expect(key.createdAt?.toISOString()).toBe("2026-11-17T02:16:31.000Z");
  });

  it("names the contained user as subject", async () => {
    const incident = await attackIncident();
    const containment = incident.signals.filter((signal) => signal.phase === "containment");
    expect(containment.map((signal) => signal.subjectKey)).toEqual([REPORTS_SVC_KEY, REPORTS_SVC_KEY, REPORTS_SVC_KEY]);
    expect(containment.map((signal) => signal.relatedKeyId)).toEqual([SCENARIO_KEYS.stolen, SCENARIO_KEYS.created, null]);
  });

  it("keeps the break-glass grant apart", async () => {
    const grant = await db().signal.findFirstOrThrow({ where: { principalKey: ALICE_KEY } });
    const attack = await attackIncident();
    expect(grant.incidentId).not.toBe(attack.id);
    expect(grant.score).toBe(10);
  });

  it("keeps break-glass below threshold", async () => {
    const incident = await db().incident.findFirstOrThrow({ where: { principalKey: ALICE_KEY } });
    expect(incident.thresholdCrossedAt).toBeNull();
    expect(incident.title).toBe("Privilege escalation by alice.admin");
  });

  it("adds nothing when run again", async () => {
    const before = await db().signal.count();
    const rerun = await runDetection({});
    const correlation = await correlateSignals();
    expect(rerun.signals).toBe(0);
    expect(await db().signal.count()).toBe(before);
    expect(correlation).toEqual({ incidentsCreated: 0, incidentsUpdated: 0, incidentIds: [] });
  });
});
