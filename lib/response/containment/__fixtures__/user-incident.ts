import { db } from "@/lib/db/client";
import { attackRecords, historyRecords, REPORTS_SVC_KEY } from "@/lib/detect/__fixtures__/account-compromise";
import { insertFixtureEvents } from "@/lib/detect/__fixtures__/insert-fixture-events";
import { runDetection } from "@/lib/detect/run-detection";
import { correlateSignals } from "@/lib/incidents/correlate-signals";

/**
 * Runs detection and correlation over the demo's attack on reports-svc
 * without the responder's historical containment, so the incident has no
 * containment time. Returns the incident id.
 */
export async function seedUserIncident(): Promise<string> {
  for (const records of [historyRecords(), attackRecords()]) {
    const { batchId } = await insertFixtureEvents(records);
    await runDetection({ batchId });
    await correlateSignals({ now: new Date("2026-11-20T00:00:00Z") });
  }
  const incident = await db().incident.findFirstOrThrow({ where: { principalKey: REPORTS_SVC_KEY } });
  return incident.id;
}
