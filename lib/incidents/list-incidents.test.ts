import { beforeAll, describe, expect, it } from "vitest";

import { ATTACK, ATTACKER, CONTAINMENT, GUARDDUTY_FINDING, REPORTS_SVC } from "@/lib/demo/scenario";
import { EVENT_IDS, seedSampleIncident, type SeededSample } from "@/tests/helpers/seed-sample-incident";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { listIncidents } from "./list-incidents";

useTestDatabase();

let sample: SeededSample;

beforeAll(async () => {
  sample = await seedSampleIncident();
});

describe("listIncidents", () => {
  it("hides below-threshold incidents by default", async () => {
    const incidents = await listIncidents();
    expect(incidents.map((incident) => incident.id)).toEqual([sample.incidentId]);
  });

  it("includes below-threshold incidents on request", async () => {
    const incidents = await listIncidents({ includeBelowThreshold: true });
    // The break-glass grant is two days later, so it sorts first by lastSeen.
    expect(incidents.map((incident) => incident.id)).toEqual([
      sample.belowThresholdIncidentId,
      sample.incidentId,
    ]);
    expect(incidents[0].thresholdCrossedAt).toBeNull();
  });

  it("summarises the compromise", async () => {
    const [incident] = await listIncidents();
    expect(incident.title).toBe("Stolen access key of reports-svc used from 85.17.31.122");
    expect(incident.severity).toBe("critical");
    expect(incident.status).toBe("contained");
    expect(incident.score).toBe(150);
    expect(incident.number).toBe(1);
    expect(incident.principal).toEqual({
      arn: REPORTS_SVC.arn,
      type: "IAMUser",
      accountId: "111122223333",
      key: REPORTS_SVC.arn,
      name: "reports-svc",
    });
    // The responder's session key and office address belong to the containment, not the incident.
    expect(incident.accessKeyIds).toEqual([ATTACK.stolenAccessKeyId, ATTACK.createdAccessKeyId]);
    expect(incident.sourceIps).toEqual([ATTACKER.ip]);
    expect(incident.sources).toEqual(["cloudtrail", "guardduty"]);
    expect(incident.firstSeen).toBe("2026-11-17T02:14:05.000Z");
    expect(incident.lastSeen).toBe("2026-11-17T02:27:14.000Z");
    expect(incident.thresholdCrossedAt).toBe("2026-11-17T02:21:47.000Z");
    expect(incident.containedAt).toBe("2026-11-17T02:27:14.000Z");
  });

  it("lists phases in time order", async () => {
    const [incident] = await listIncidents();
    expect(incident.phases.map((phase) => phase.phase)).toEqual([
      "detection",
      "persistence",
      "reconnaissance",
      "privilege_escalation",
      "privilege_escalation",
      "defense_evasion",
      "containment",
    ]);
    expect(incident.phases[0]).toEqual({
      phase: "detection",
      at: "2026-11-17T02:14:05.000Z",
      eventName: GUARDDUTY_FINDING.type,
      source: "guardduty",
      eventId: GUARDDUTY_FINDING.id,
      ruleId: "guardduty.finding",
      sourceIp: ATTACKER.ip,
    });
    expect(incident.phases[3]).toEqual({
      phase: "privilege_escalation",
      at: "2026-11-17T02:21:47.000Z",
      eventName: "AttachUserPolicy",
      source: "cloudtrail",
      eventId: EVENT_IDS.attachUserPolicy,
      ruleId: "iam.attach-admin-policy",
      sourceIp: ATTACKER.ip,
    });
  });

  it("serialises to plain JSON", async () => {
    const incidents = await listIncidents({ includeBelowThreshold: true });
    expect(JSON.parse(JSON.stringify(incidents))).toEqual(incidents);
  });
});
