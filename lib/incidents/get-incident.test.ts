import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { ATTACK, ATTACKER, GUARDDUTY_FINDING, REPORTS_SVC } from "@/lib/demo/scenario";
import { EVENT_IDS, seedSampleIncident, type SeededSample } from "@/tests/helpers/seed-sample-incident";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { getIncident } from "./get-incident";

useTestDatabase();

let sample: SeededSample;

beforeAll(async () => {
  sample = await seedSampleIncident();
});

async function detail(options?: { timelineLimit?: number }) {
  const incident = await getIncident(sample.incidentId, options);
  if (!incident) {
    throw new Error(`incident ${sample.incidentId} was not found`);
  }
  return incident;
}

describe("getIncident", () => {
  it("returns null for unknown id", async () => {
    expect(await getIncident("00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("returns null for malformed id", async () => {
    expect(await getIncident("not-a-uuid")).toBeNull();
  });

  it("includes the summary", async () => {
    const incident = await detail();
    expect(incident.id).toBe(sample.incidentId);
    expect(incident.principal.name).toBe("reports-svc");
    expect(incident.phases.length).toBe(7);
  });

  it("bounds the window by 15 minutes", async () => {
    const { timeline } = await detail();
    expect(timeline.windowStart).toBe("2026-11-17T01:59:05.000Z");
    expect(timeline.windowEnd).toBe("2026-11-17T02:42:14.000Z");
  });

  it("merges events and signals in time order", async () => {
    const { timeline } = await detail();
    expect(timeline.entries.map((entry) => [entry.naturalId, entry.phase])).toEqual([
      [EVENT_IDS.baselineRead, null],
      [EVENT_IDS.getCallerIdentity, null],
      [GUARDDUTY_FINDING.id, "detection"],
      [EVENT_IDS.createAccessKey, "persistence"],
      [EVENT_IDS.listBuckets, "reconnaissance"],
      [EVENT_IDS.attachUserPolicy, "privilege_escalation"],
      [EVENT_IDS.stopLogging, "defense_evasion"],
      [EVENT_IDS.bobListAccessKeys, null],
      [EVENT_IDS.deactivateStolenKey, "containment"],
    ]);
    expect(timeline.eventCount).toBe(8);
    expect(timeline.truncated).toBe(false);
    expect(timeline.limit).toBe(2000);
  });

  it("leaves out other principals and times", async () => {
    const { timeline } = await detail();
    const ids = timeline.entries.map((entry) => entry.naturalId);
    expect(ids).not.toContain(EVENT_IDS.aliceUnrelated);
    expect(ids).not.toContain(EVENT_IDS.beforeWindow);
    expect(ids).not.toContain(EVENT_IDS.breakGlassGrant);
  });

  it("marks only the threshold entry", async () => {
    const { timeline } = await detail();
    const marked = timeline.entries.filter((entry) => entry.thresholdCrossed);
    expect(marked.map((entry) => entry.naturalId)).toEqual([EVENT_IDS.attachUserPolicy]);
  });

  it("keeps every rule of an event", async () => {
    const { timeline } = await detail();
    const entry = timeline.entries.find((item) => item.naturalId === EVENT_IDS.attachUserPolicy);
    expect(entry?.ruleId).toBe("iam.attach-admin-policy");
    expect(entry?.ruleTitle).toBe("AdministratorAccess attached to a user");
    expect(entry?.score).toBe(40);
    expect(entry?.signals.map((signal) => [signal.ruleId, signal.score])).toEqual([
      ["iam.attach-admin-policy", 40],
      ["iam.policy-change-new-address", 15],
    ]);
  });

  it("copies event columns", async () => {
    const { timeline } = await detail();
    const entry = timeline.entries.find((item) => item.naturalId === EVENT_IDS.stopLogging);
    expect(entry).toEqual({
      eventTime: "2026-11-17T02:23:09.000Z",
      ingestedAt: "2026-11-17T02:35:00.000Z",
      source: "cloudtrail",
      naturalId: EVENT_IDS.stopLogging,
      eventName: "StopLogging",
      principalKey: REPORTS_SVC.arn,
      principalArn: REPORTS_SVC.arn,
      principalName: "reports-svc",
      accessKeyId: ATTACK.createdAccessKeyId,
      sourceIp: ATTACKER.ip,
      sourceService: null,
      userAgent: ATTACK.steps.stopLogging.userAgent,
      errorCode: "AccessDenied",
      phase: "defense_evasion",
      ruleId: "cloudtrail.stop-logging",
      ruleTitle: "Attempt to stop CloudTrail logging",
      score: 30,
      signals: [
        {
          ruleId: "cloudtrail.stop-logging",
          phase: "defense_evasion",
          title: "Attempt to stop CloudTrail logging",
          severity: "high",
          score: 30,
        },
      ],
      thresholdCrossed: false,
      rawAvailable: true,
    });
  });

  it("builds the GuardDuty entry from its finding", async () => {
    const { timeline } = await detail();
    const entry = timeline.entries.find((item) => item.source === "guardduty");
    expect(entry?.eventName).toBe(GUARDDUTY_FINDING.type);
    expect(entry?.ingestedAt).toBeNull();
    expect(entry?.principalKey).toBe(REPORTS_SVC.arn);
    expect(entry?.principalArn).toBe(REPORTS_SVC.arn);
    expect(entry?.principalName).toBe("reports-svc");
    expect(entry?.accessKeyId).toBe(ATTACK.stolenAccessKeyId);
    expect(entry?.sourceIp).toBe(ATTACKER.ip);
    expect(entry?.rawAvailable).toBe(true);
  });

  it("truncates context events first", async () => {
    const { timeline } = await detail({ timelineLimit: 7 });
    expect(timeline.truncated).toBe(true);
    expect(timeline.limit).toBe(7);
    expect(timeline.eventCount).toBe(8);
    expect(timeline.entries.map((entry) => entry.naturalId)).toEqual([
      EVENT_IDS.baselineRead,
      GUARDDUTY_FINDING.id,
      EVENT_IDS.createAccessKey,
      EVENT_IDS.listBuckets,
      EVENT_IDS.attachUserPolicy,
      EVENT_IDS.stopLogging,
      EVENT_IDS.deactivateStolenKey,
    ]);
  });

  it("keeps signals beyond the limit", async () => {
    const { timeline } = await detail({ timelineLimit: 2 });
    expect(timeline.truncated).toBe(true);
    expect(timeline.entries.length).toBe(6);
    expect(timeline.entries.every((entry) => entry.phase !== null)).toBe(true);
  });

  it("shows a signal whose event is missing", async () => {
    const incident = await db().incident.create({
      data: {
        title: "Orphan signal",
        severity: "low",
        score: 5,
        principalKey: "arn:aws:iam::111122223333:user/nobody",
        firstSeen: new Date("2026-11-18T00:00:00Z"),
        lastSeen: new Date("2026-11-18T00:00:00Z"),
      },
    });
    await db().signal.create({
      data: {
        ruleId: "test.rule",
        source: "cloudtrail",
        naturalId: "missing-event",
        eventTime: new Date("2026-11-18T00:00:00Z"),
        phase: "reconnaissance",
        severity: "low",
        score: 5,
        title: "Test rule",
        principalKey: "arn:aws:iam::111122223333:user/nobody",
        eventName: "ListUsers",
        techniqueIds: [],
        details: {},
        incidentId: incident.id,
      },
    });
    const read = await getIncident(incident.id);
    expect(read?.principal).toEqual({
      arn: null,
      type: null,
      accountId: null,
      key: "arn:aws:iam::111122223333:user/nobody",
      name: null,
    });
    expect(read?.timeline.entries.map((entry) => [entry.naturalId, entry.rawAvailable])).toEqual([
      ["missing-event", false],
    ]);
    expect(read?.timeline.entries[0].thresholdCrossed).toBe(false);
  });
});
