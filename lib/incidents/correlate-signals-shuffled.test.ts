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
} from "@/lib/detect/__fixtures__/account-compromise";
import { insertFixtureEvents } from "@/lib/detect/__fixtures__/insert-fixture-events";
import { runDetection } from "@/lib/detect/run-detection";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { correlateSignals } from "./correlate-signals";

useTestDatabase();

async function ingest(records: Parameters<typeof insertFixtureEvents>[0]): Promise<void> {
  const { batchId } = await insertFixtureEvents(records);
  await runDetection({ batchId });
  await correlateSignals();
}

async function attackIncident() {
  return db().incident.findFirstOrThrow({
    where: { principalKey: REPORTS_SVC_KEY },
    include: { signals: { orderBy: [{ eventTime: "asc" }, { id: "asc" }] } },
  });
}

// Files arrive late and out of order: the responders' calls first, then the
// attack, and the days of history last.
describe("account compromise ingested out of order", () => {
  beforeAll(async () => {
    await ingest([...containmentRecords(), ...breakGlassRecords()]);
    await ingest(attackRecords());
    await insertGuardDutyFinding();
    await ingest([]);
    await ingest(historyRecords());
  });

  it("opens one incident for reports-svc", async () => {
    expect(await db().incident.count({ where: { principalKey: REPORTS_SVC_KEY } })).toBe(1);
  });

  it("finds every phase once history arrives", async () => {
    const incident = await attackIncident();
    expect(incident.signals.map((signal) => signal.phase)).toEqual([
      "detection",
      "persistence",
      "reconnaissance",
      "privilege_escalation",
      "defense_evasion",
      "containment",
      "containment",
      "containment",
    ]);
  });

  it("scores as if ingested in order", async () => {
    const incident = await attackIncident();
    expect(incident.signals.map((signal) => signal.score)).toEqual([20, 25, 10, 40, 30, 0, 0, 0]);
    expect(incident.score).toBe(125);
  });

  it("crosses the threshold at AdministratorAccess", async () => {
    const incident = await attackIncident();
    expect(incident.thresholdCrossedAt?.toISOString()).toBe("2026-11-17T02:21:47.000Z");
  });

  it("sets containment time", async () => {
    const incident = await attackIncident();
    expect(incident.containedAt?.toISOString()).toBe("2026-11-17T02:27:55.000Z");
  });

  it("re-scores the break-glass grant as familiar", async () => {
    const grant = await db().signal.findFirstOrThrow({ where: { principalKey: ALICE_KEY } });
    expect(grant.score).toBe(10);
  });

  it("keeps break-glass below threshold", async () => {
    const incidents = await db().incident.findMany({ where: { principalKey: ALICE_KEY } });
    expect(incidents.map((incident) => [incident.score, incident.thresholdCrossedAt])).toEqual([[10, null]]);
  });
});
