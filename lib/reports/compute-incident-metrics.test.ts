import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ATTACK, BREAK_GLASS_GRANT } from "@/lib/demo/scenario";
import { loadDemoScenario } from "@/tests/helpers/load-demo-scenario";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { computeIncidentMetrics } from "./compute-incident-metrics";
import { loadMetricsDashboard } from "./load-metrics-dashboard";

useTestDatabase();

let incidentId: string;

beforeAll(async () => {
  ({ incidentId } = await loadDemoScenario());
}, 600_000);

async function demoMetrics() {
  const [metrics] = await computeIncidentMetrics({ incidentIds: [incidentId] });
  if (!metrics) {
    throw new Error("the demo incident has no metrics");
  }
  return metrics;
}

describe("computeIncidentMetrics", () => {
  it("finds the first malicious call", async () => {
    const metrics = await demoMetrics();
    expect(metrics.firstMalicious?.at).toBe("2026-11-17T02:14:05.000Z");
    expect(metrics.firstMalicious?.eventName).toBe(ATTACK.steps.getCallerIdentity.eventName);
    expect(metrics.firstMalicious?.basis).toBe("attacker-activity");
  });

  it("measures detect and contain", async () => {
    const metrics = await demoMetrics();
    expect(metrics.firstAlertAt).toBe("2026-11-17T02:14:40.512Z");
    expect(metrics.timeToDetect.seconds).toBe(35);
    expect(metrics.containedAt).toBe("2026-11-17T02:27:55.000Z");
    expect(metrics.timeToContain.seconds).toBe(13 * 60 + 15);
  });

  it("gives reasons for unreached times", async () => {
    const metrics = await demoMetrics();
    expect(metrics.timeToEscalate).toMatchObject({ seconds: null, reason: "not escalated" });
    expect(metrics.timeToResolve).toMatchObject({ seconds: null, reason: "not resolved" });
  });

  it("uses escalation and resolution times", async () => {
    await db().incident.update({
      where: { id: incidentId },
      data: { escalatedAt: new Date("2026-11-17T02:22:40Z"), resolvedAt: new Date("2026-11-17T04:14:40Z") },
    });
    try {
      const metrics = await demoMetrics();
      expect(metrics.timeToEscalate.seconds).toBe(8 * 60);
      expect(metrics.timeToResolve.seconds).toBe(2 * 3600);
    } finally {
      await db().incident.update({ where: { id: incidentId }, data: { escalatedAt: null, resolvedAt: null } });
    }
  });

  it("leaves out incidents below threshold", async () => {
    const all = await computeIncidentMetrics({ includeBelowThreshold: true });
    const alerted = await computeIncidentMetrics();
    expect(all.length).toBe(2);
    expect(alerted.map((metrics) => metrics.incidentId)).toEqual([incidentId]);
  });
});

describe("loadMetricsDashboard", () => {
  it("counts the demo's records", async () => {
    const dashboard = await loadMetricsDashboard({ range: "all" });
    expect(dashboard.range.bucket).toBe("hour");
    expect(dashboard.sources).toEqual(["cloudtrail", "guardduty", "vpcflow"]);
    const flows = dashboard.eventsPerSource.filter((row) => row.source === "vpcflow");
    expect(flows.reduce((sum, row) => sum + row.count, 0)).toBe(await db().flowRecord.count());
    const escalations = dashboard.signalsByPhase.filter((row) => row.phase === "privilege_escalation");
    expect(escalations).toEqual([
      { phase: "privilege_escalation", severity: "high", count: 1 },
      { phase: "privilege_escalation", severity: "medium", count: 1 },
    ]);
  });

  it("ranks the attacker address first", async () => {
    const dashboard = await loadMetricsDashboard({ range: "all" });
    expect(dashboard.topAddresses[0]).toEqual({ key: ATTACK.steps.listBuckets.sourceIPAddress, label: "85.17.31.122", signals: 5, incidents: 1 });
    expect(dashboard.topPrincipals.map((row) => row.label)).toEqual(["reports-svc", BREAK_GLASS_GRANT.actor.userName]);
  });

  it("summarises the month", async () => {
    const dashboard = await loadMetricsDashboard({ range: "all" });
    expect(dashboard.trends.byMonth.map((group) => group.key)).toEqual(["2026-11"]);
    expect(dashboard.trends.byMonth[0]?.metrics.timeToContain).toEqual({ count: 1, median: 795, p90: 795 });
  });
});
