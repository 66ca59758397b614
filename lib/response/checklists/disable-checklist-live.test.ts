import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import {
  attackRecords,
  historyRecords,
  insertGuardDutyFinding,
  REPORTS_SVC_KEY,
  SCENARIO_KEYS,
} from "@/lib/detect/__fixtures__/account-compromise";
import { insertFixtureEvents } from "@/lib/detect/__fixtures__/insert-fixture-events";
import { runDetection } from "@/lib/detect/run-detection";
import { correlateSignals } from "@/lib/incidents/correlate-signals";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { buildChecklist } from "./build-checklist";
import type { ChecklistDraft, Outcome } from "./checklist-types";
import { loadChecklistContext } from "./load-checklist-context";

useTestDatabase();

// Eight minutes after the escalation, before anyone has contained anything.
const NOW = new Date("2026-11-17T02:30:00Z");

let list: ChecklistDraft;

async function ingest(records: Parameters<typeof insertFixtureEvents>[0]): Promise<void> {
  const { batchId } = await insertFixtureEvents(records);
  await runDetection({ batchId });
  await correlateSignals({ now: NOW });
}

function suggested(id: string): Outcome {
  const found = list.items.find((item) => item.id === id);
  if (!found) {
    throw new Error(`no item ${id}`);
  }
  return found.suggested;
}

beforeAll(async () => {
  await ingest(historyRecords());
  await insertGuardDutyFinding();
  await ingest(attackRecords());
  const incident = await db().incident.findFirstOrThrow({ where: { principalKey: REPORTS_SVC_KEY } });
  list = await buildChecklist("disable", await loadChecklistContext({ incidentId: incident.id, now: NOW }));
});

describe("disable checklist before containment", () => {
  it("sees administrator access held", () => {
    expect(suggested("admin-privileges").text).toBe(
      "Yes: reports-svc has held administrator privileges since 2026-11-17 02:21:47 (8 min 13 s); no removal is in the logs.",
    );
  });

  it("sees both keys active", () => {
    expect(suggested("access-keys").text).toBe(`Yes: ${SCENARIO_KEYS.stolen} and ${SCENARIO_KEYS.created} are still active.`);
  });

  it("sees activity ongoing", () => {
    expect(suggested("ongoing-activity").text).toBe(
      "Yes: the last call was at 2026-11-17 02:23:09, 6 min 51 s ago and nothing is contained.",
    );
  });

  it("states the blast radius", () => {
    expect(suggested("escalation-age").text).toBe(
      "Yes: 8 minutes since the escalation at 2026-11-17 02:21:47, 2 calls since, every service reachable; " +
        "waiting widens the blast radius.",
    );
  });

  it("concludes disable now", () => {
    const conclusion = list.conclude(new Map(list.items.map((item) => [item.id, item.suggested])));
    expect(conclusion.conclusion).toBe("disable_now");
    expect(conclusion.summary).toMatch(/^Disable now: reports-svc has held administrator privileges since 2026-11-17 02:21:47/);
    expect(conclusion.summary).toContain("waiting widens the blast radius");
  });
});
