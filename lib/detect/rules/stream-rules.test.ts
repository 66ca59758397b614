import pg from "pg";
import { describe, expect, it, vi } from "vitest";

import { db, pgPool } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { callBy, detectRecords } from "../__fixtures__/detect-records";
import { insertFixtureEvents } from "../__fixtures__/insert-fixture-events";
import { FOREIGN_IP, OFFICE_IP, seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";
import { createDetectionLookups } from "../detection-lookups";
import { evaluateStreamRules } from "../evaluate-stream-rules";
import { readDetectionSettings } from "../read-detection-settings";
import type { StreamEvent } from "./rule-types";
import { STREAM_RULES } from ".";
import { distinctReadBurstRule, findBursts, judgeTravel, s3ReadVolumeRule } from "./stream-rules";

useTestDatabase();

function streamEvent(minute: number, eventName: string): StreamEvent {
  return {
    id: String(minute),
    naturalId: `event-${minute}-${eventName}`,
    eventTime: new Date(Date.UTC(2026, 10, 17, 10, minute)),
    eventSource: "iam.amazonaws.com",
    eventName,
    principalKey: "p",
    principalType: "IAMUser",
    accessKeyId: "AKIATEST",
    sourceIp: null,
    errorCode: null,
    readOnly: true,
  };
}

/** Minute offsets from 2026-11-17T10:00:00Z, as ISO times. */
function at(minute: number, second = 0): string {
  return new Date(Date.UTC(2026, 10, 17, 10, minute, second)).toISOString();
}

describe("findBursts", () => {
  it("hits where distinct calls reach the threshold", () => {
    const events = ["A", "B", "A", "C"].map((name, index) => streamEvent(index, name));
    const hits = findBursts(events, { windowMs: 10 * 60_000, threshold: 3, measure: "distinct" });
    expect(hits.map((hit) => hit.event.naturalId)).toEqual(["event-3-C"]);
    expect(hits[0]?.names).toEqual(["A", "B", "C"]);
  });

  it("drops calls older than the window", () => {
    const events = [streamEvent(0, "A"), streamEvent(20, "B"), streamEvent(21, "C")];
    expect(findBursts(events, { windowMs: 10 * 60_000, threshold: 3, measure: "distinct" })).toEqual([]);
  });

  it("reports a long burst once", () => {
    const events = Array.from({ length: 30 }, (_, index) => streamEvent(index % 9, "A"));
    events.sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime());
    expect(findBursts(events, { windowMs: 10 * 60_000, threshold: 5, measure: "calls" })).toHaveLength(1);
  });
});

describe("judgeTravel", () => {
  const us = { event: { ...streamEvent(0, "A"), sourceIp: OFFICE_IP }, country: "US" };

  it("flags the US then the Netherlands in minutes", () => {
    const hit = judgeTravel(us, { event: { ...streamEvent(30, "B"), sourceIp: FOREIGN_IP }, country: "NL" });
    expect(hit?.details?.distanceKm).toBeGreaterThan(6_000);
    expect(hit?.event.naturalId).toBe("event-30-B");
  });

  it("accepts a day between them", () => {
    const later = { ...streamEvent(0, "B"), eventTime: new Date(Date.UTC(2026, 10, 18, 10, 0)) };
    expect(judgeTravel(us, { event: later, country: "NL" })).toBeNull();
  });

  it("skips neighbouring countries", () => {
    const nl = { event: streamEvent(0, "A"), country: "NL" };
    expect(judgeTravel(nl, { event: streamEvent(5, "B"), country: "BE" })).toBeNull();
  });
});

describe("stream rules in detection", () => {
  it("flags ten denied calls", async () => {
    const { abroad, principalKey } = await seedUserHistory("lara");
    const denied = Array.from({ length: 10 }, (_, index) =>
      callBy(abroad, "GetPasswordData", { eventSource: "ec2.amazonaws.com", errorCode: "Client.UnauthorizedOperation", time: at(index) }),
    );
    await detectRecords(denied);
    const signals = await signalsOf("access-denied-burst", principalKey);
    expect(signals.map((signal) => signal.naturalId)).toEqual([denied[9].eventID]);
  });

  it("ignores nine denied calls", async () => {
    const { abroad, principalKey } = await seedUserHistory("mona");
    await detectRecords(
      Array.from({ length: 9 }, (_, index) => callBy(abroad, "GetPasswordData", { eventSource: "ec2.amazonaws.com", errorCode: "AccessDenied", time: at(index) })),
    );
    expect(await signalsOf("access-denied-burst", principalKey)).toEqual([]);
  });

  it("flags IAM enumeration", async () => {
    const { abroad, principalKey } = await seedUserHistory("ned");
    const names = ["ListUsers", "ListRoles", "ListGroups", "ListPolicies", "GetUser", "GetRole", "ListAccessKeys", "ListMFADevices",
      "ListAttachedUserPolicies", "ListAttachedRolePolicies", "GetAccountSummary", "ListInstanceProfiles"];
    await detectRecords(names.map((name, index) => callBy(abroad, name, { time: at(0, index * 5) })));
    expect(await signalsOf("recon-iam-ec2-enumeration-burst", principalKey)).toHaveLength(1);
  });

  it("flags twenty distinct reads", async () => {
    const { abroad, principalKey } = await seedUserHistory("nora");
    const services = ["s3", "ec2", "rds", "lambda", "kms"];
    const reads = Array.from({ length: 20 }, (_, index) =>
      callBy(abroad, `Describe${index}`, { eventSource: `${services[index % 5]}.amazonaws.com`, time: at(1, index * 2) }),
    );
    await detectRecords(reads);
    const signals = await signalsOf("recon-distinct-read-burst", principalKey);
    expect(signals.map((signal) => signal.naturalId)).toEqual([reads[19].eventID]);
  });

  it("ignores a few repeated reads", async () => {
    const { office, principalKey } = await seedUserHistory("olga");
    await detectRecords(Array.from({ length: 30 }, (_, index) => callBy(office, index % 2 ? "ListUsers" : "GetUser", { time: at(0, index) })));
    expect(await signalsOf("recon-iam-ec2-enumeration-burst", principalKey)).toEqual([]);
    expect(await signalsOf("recon-distinct-read-burst", principalKey)).toEqual([]);
  });

  it("flags a key used from two continents", async () => {
    const { office, abroad, principalKey } = await seedUserHistory("pete");
    const home = callBy(office, "GetUser", { time: at(0) });
    const away = callBy(abroad, "ListBuckets", { eventSource: "s3.amazonaws.com", time: at(20) });
    await detectRecords([home, away]);
    const signals = await signalsOf("access-key-impossible-travel", principalKey);
    expect(signals.map((signal) => signal.naturalId)).toEqual([away.eventID]);
  });

  it("leaves travel GuardDuty reported", async () => {
    const { office, abroad, principalKey } = await seedUserHistory("rhea");
    await db().finding.create({
      data: {
        id: `finding-${abroad.accessKeyId}`,
        type: "UnauthorizedAccess:IAMUser/MaliciousIPCaller",
        title: "known bad address",
        severity: 5,
        severityLabel: "Medium",
        createdAt: new Date(at(21)),
        updatedAt: new Date(at(21)),
        eventFirstSeen: new Date(at(20)),
        accessKeyId: abroad.accessKeyId,
        remoteIps: [abroad.sourceIp],
        details: {},
      },
    });
    await detectRecords([callBy(office, "GetUser", { time: at(0) }), callBy(abroad, "GetUser", { time: at(20) })]);
    expect(await signalsOf("access-key-impossible-travel", principalKey)).toEqual([]);
  });

  it("flags an unusual hour of S3 object reads", async () => {
    vi.stubEnv("WATCHFLOOR_S3_READ_BURST_CALLS", "20");
    const { abroad, principalKey } = await seedUserHistory("quinn");
    const reads = Array.from({ length: 24 }, (_, index) =>
      callBy(abroad, "GetObject", { eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "finance-exports", key: `q/${index}.csv` }, time: at(index) }),
    );
    await detectRecords(reads);
    const signals = await signalsOf("s3-read-volume-unusual", principalKey);
    expect(signals.map((signal) => signal.naturalId)).toEqual([reads[19].eventID]);
    vi.unstubAllEnvs();
  });

  it("allows S3 reads within the principal's usual peak", async () => {
    vi.stubEnv("WATCHFLOOR_S3_READ_BURST_CALLS", "20");
    const { office, principalKey } = await seedUserHistory("rhea");
    const usualDay = Array.from({ length: 10 }, (_, index) =>
      callBy(office, "GetObject", { eventSource: "s3.amazonaws.com", time: new Date(Date.UTC(2026, 10, 12, 9, index)) }),
    );
    await detectRecords(usualDay);
    const busier = Array.from({ length: 25 }, (_, index) => callBy(office, "GetObject", { eventSource: "s3.amazonaws.com", time: at(index) }));
    await detectRecords(busier);
    expect(await signalsOf("s3-read-volume-unusual", principalKey)).toEqual([]);
    vi.unstubAllEnvs();
  });
});

describe("stream rules over a group read in pages", () => {
  async function evaluateInPages(batchId: string, pageRows: number) {
    const settings = readDetectionSettings();
    const saved = await evaluateStreamRules({
      rules: [distinctReadBurstRule, s3ReadVolumeRule],
      batchId,
      lookups: createDetectionLookups(settings),
      log: logger,
      pageRows,
    });
    return saved.length;
  }

  it("finds the same bursts with pages of seven events", async () => {
    const { abroad, principalKey } = await seedUserHistory("sol");
    // Two bursts of 22 distinct reads, 30 minutes apart, so each burst and the
    // window before its twentieth call cross page boundaries.
    const reads = [0, 30].flatMap((start) =>
      Array.from({ length: 22 }, (_, index) =>
        callBy(abroad, `Describe${start}x${index}`, { eventSource: "ec2.amazonaws.com", time: at(start, index * 10) }),
      ),
    );
    const { batchId } = await insertFixtureEvents(reads);
    expect(await evaluateInPages(batchId, 7)).toBe(2);
    const signals = await signalsOf("recon-distinct-read-burst", principalKey);
    expect(signals.map((signal) => signal.naturalId).sort()).toEqual([reads[19].eventID, reads[41].eventID].sort());
  });

  it("keeps an hour of S3 reads together across pages", async () => {
    vi.stubEnv("WATCHFLOOR_S3_READ_BURST_CALLS", "20");
    const { abroad, principalKey } = await seedUserHistory("tove");
    const reads = Array.from({ length: 24 }, (_, index) =>
      callBy(abroad, "GetObject", { eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "ledger", key: `k/${index}` }, time: at(index) }),
    );
    const { batchId } = await insertFixtureEvents(reads);
    await evaluateInPages(batchId, 5);
    const signals = await signalsOf("s3-read-volume-unusual", principalKey);
    expect(signals.map((signal) => signal.naturalId)).toEqual([reads[19].eventID]);
    vi.unstubAllEnvs();
  });

  it("counts an hour larger than a page through queries", async () => {
    vi.stubEnv("WATCHFLOOR_S3_READ_BURST_CALLS", "20");
    const { abroad, principalKey } = await seedUserHistory("wanda");
    // Five reads at 09:55 to 09:59, then thirty at 10:00 to 10:29: the hour of
    // 10:00 fills pages of 8 by itself and begins within a page.
    const reads = Array.from({ length: 35 }, (_, index) =>
      callBy(abroad, "GetObject", { eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "ledger", key: `k/${index}` }, time: at(index - 5) }),
    );
    const { batchId } = await insertFixtureEvents(reads);
    await evaluateInPages(batchId, 8);
    const paged = await signalsOf("s3-read-volume-unusual", principalKey);
    await db().signal.deleteMany({ where: { principalKey } });
    await evaluateInPages(batchId, 1_000);
    const whole = await signalsOf("s3-read-volume-unusual", principalKey);
    expect(whole.map((signal) => signal.naturalId)).toEqual([reads[24].eventID]);
    expect(paged.map((signal) => [signal.naturalId, signal.title, signal.details])).toEqual(
      whole.map((signal) => [signal.naturalId, signal.title, signal.details]),
    );
    expect(whole[0].title).toMatch(/^30 S3 object reads from 10:00 UTC within the hour/);
    vi.unstubAllEnvs();
  });
});

describe("stream rules that group by principal", () => {
  async function evaluate(rules: typeof STREAM_RULES, batchId: string): Promise<void> {
    await evaluateStreamRules({ rules, batchId, lookups: createDetectionLookups(readDetectionSettings()), log: logger });
  }

  async function storedSignals(principalKey: string): Promise<string[]> {
    const rows = await db().signal.findMany({ where: { principalKey }, select: { ruleId: true, naturalId: true } });
    return rows.map((row) => `${row.ruleId} ${row.naturalId}`).sort();
  }

  it("read a principal once, same signals", async () => {
    vi.stubEnv("WATCHFLOOR_S3_READ_BURST_CALLS", "20");
    const { abroad, principalKey } = await seedUserHistory("ulla");
    const enumeration = ["ListUsers", "ListRoles", "ListGroups", "ListPolicies", "GetUser", "GetRole", "ListAccessKeys", "ListMFADevices",
      "ListAttachedUserPolicies", "ListAttachedRolePolicies", "GetAccountSummary", "ListInstanceProfiles"].map((name, index) =>
      callBy(abroad, name, { time: at(0, index * 5) }),
    );
    const reads = Array.from({ length: 20 }, (_, index) =>
      callBy(abroad, `Describe${index}`, { eventSource: "rds.amazonaws.com", time: at(3, index * 2) }),
    );
    const denied = Array.from({ length: 10 }, (_, index) =>
      callBy(abroad, "GetPasswordData", { eventSource: "ec2.amazonaws.com", errorCode: "AccessDenied", time: at(20 + index) }),
    );
    const objects = Array.from({ length: 24 }, (_, index) =>
      callBy(abroad, "GetObject", { eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "ledger", key: `k/${index}` }, time: at(31 + index) }),
    );
    const { batchId } = await insertFixtureEvents([...enumeration, ...reads, ...denied, ...objects]);

    const queries = vi.spyOn(pgPool(), "query");
    await evaluate(STREAM_RULES, batchId);
    const together = await storedSignals(principalKey);
    const combined = queries.mock.calls.filter(([sql]) => typeof sql === "string" && sql.includes("AS candidate_3"));
    queries.mockRestore();
    expect(combined).toHaveLength(1);
    expect(new Set(together.map((signal) => signal.split(" ")[0]))).toEqual(
      new Set(["recon-iam-ec2-enumeration-burst", "recon-distinct-read-burst", "access-denied-burst", "s3-read-volume-unusual"]),
    );

    await db().signal.deleteMany({ where: { principalKey } });
    for (const rule of STREAM_RULES) {
      await evaluate([rule], batchId);
    }
    expect(await storedSignals(principalKey)).toEqual(together);
    vi.unstubAllEnvs();
  });
});

describe("stream rule failures", () => {
  async function evaluateFailing(error: Error) {
    const { abroad } = await seedUserHistory(`vera-${error.name}`);
    const { batchId } = await insertFixtureEvents([callBy(abroad, "GetPasswordData", { eventSource: "ec2.amazonaws.com", errorCode: "AccessDenied", time: at(0) })]);
    const failing = { ...STREAM_RULES.find((rule) => rule.id === "access-denied-burst")!, detect: () => Promise.reject(error) };
    return evaluateStreamRules({ rules: [failing], batchId, lookups: createDetectionLookups(readDetectionSettings()), log: logger });
  }

  it("skip a group on a rule error", async () => {
    await expect(evaluateFailing(new TypeError("a malformed record"))).resolves.toEqual([]);
  });

  it("fail the run on a database error", async () => {
    const error = new pg.DatabaseError("terminating connection due to administrator command", 0, "error");
    await expect(evaluateFailing(error)).rejects.toBe(error);
  });
});
