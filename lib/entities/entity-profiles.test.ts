import { join } from "node:path";
import { tmpdir } from "node:os";

import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import {
  attackRecords,
  containmentRecords,
  historyRecords,
  insertGuardDutyFinding,
  REPORTS_SVC_KEY,
  SCENARIO_KEYS,
} from "@/lib/detect/__fixtures__/account-compromise";
import { iamUserCall, userArn } from "@/lib/detect/__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "@/lib/detect/__fixtures__/insert-fixture-events";
import { runDetection } from "@/lib/detect/run-detection";
import { ATTACKER, AWS_ADDRESSES, CONTAINMENT, OFFICE_NETWORK } from "@/lib/demo/scenario";
import { correlateSignals } from "@/lib/incidents/correlate-signals";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { getAccessKeyProfile } from "./get-access-key-profile";
import { getAddressProfile } from "./get-address-profile";
import { getPrincipalProfile } from "./get-principal-profile";

useTestDatabase();

const SESSION_KEY = "ASIATESTSESSION00001";
const newcomer = { userName: "newcomer", accessKeyId: "AKIATESTNEWCOMER0001", sourceIp: "64.124.16.40", userAgent: "aws-cli/2.17.46" };

let incidentId: string;

beforeAll(async () => {
  process.env.WATCHFLOOR_AWS_IP_RANGES = join(tmpdir(), "watchfloor-no-ranges.json");
  await insertFixtureEvents(historyRecords());
  await insertGuardDutyFinding();
  const { batchId } = await insertFixtureEvents([...attackRecords(), ...containmentRecords()]);
  await runDetection({ batchId });
  await correlateSignals();
  incidentId = (await db().incident.findFirstOrThrow({ where: { principalKey: REPORTS_SVC_KEY } })).id;
  // A session obtained with newcomer's key, then used once.
  await insertFixtureEvents([
    iamUserCall({
      caller: newcomer,
      eventSource: "sts.amazonaws.com",
      eventName: "GetSessionToken",
      time: "2026-11-18T09:00:00Z",
      responseElements: { credentials: { accessKeyId: SESSION_KEY, expiration: "Nov 18, 2026, 9:00:00 PM" } },
    }),
    iamUserCall({
      caller: { ...newcomer, accessKeyId: SESSION_KEY },
      eventSource: "s3.amazonaws.com",
      eventName: "ListBuckets",
      time: "2026-11-18T09:05:00Z",
    }),
  ]);
});

describe("getPrincipalProfile", () => {
  it("returns null for an unknown key", async () => {
    expect(await getPrincipalProfile({ principalKey: "arn:aws:iam::111122223333:user/nobody" })).toBeNull();
  });

  it("describes the principal", async () => {
    const profile = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY });
    expect(profile?.principal.type).toBe("IAMUser");
    expect(profile?.principal.name).toBe("reports-svc");
    expect(profile?.principal.accountId).toBe("111122223333");
    expect(profile?.accessKeys.map((key) => key.accessKeyId).sort()).toEqual([SCENARIO_KEYS.created, SCENARIO_KEYS.stolen].sort());
  });

  it("lists baseline addresses with country", async () => {
    const profile = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY, until: new Date("2026-11-17T02:30:00Z") });
    const addresses = profile?.baseline.dimensions.find((dimension) => dimension.dimension === "ip")?.values ?? [];
    const office = addresses.find((value) => value.value === OFFICE_NETWORK.addresses[0]);
    const attacker = addresses.find((value) => value.value === ATTACKER.ip);
    expect(profile?.baseline.state).toBe("enough_history");
    expect(office?.country).toBe("US");
    expect(office?.isNew).toBe(false);
    expect(office?.count).toBe(21);
    expect(attacker?.country).toBe("NL");
    expect(attacker?.isNew).toBe(true);
  });

  it("lists baseline ASNs with organization", async () => {
    const profile = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY, until: new Date("2026-11-17T02:30:00Z") });
    const asns = profile?.baseline.dimensions.find((dimension) => dimension.dimension === "asn")?.values ?? [];
    const attacker = asns.find((value) => value.value === `AS${ATTACKER.asn}`);
    // The office NAT pool 64.124.16.32/28 is announced by AS6461 (Zayo Bandwidth).
    const office = asns.find((value) => value.value === "AS6461");
    expect(attacker?.asn?.organization).toBe(ATTACKER.asnOrg);
    expect(attacker?.isNew).toBe(true);
    expect(office?.isNew).toBe(false);
    expect(office?.count).toBe(21);
  });

  it("names the owner of baseline addresses", async () => {
    const profile = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY, until: new Date("2026-11-17T02:30:00Z") });
    const addresses = profile?.baseline.dimensions.find((dimension) => dimension.dimension === "ip")?.values ?? [];
    const attacker = addresses.find((value) => value.value === ATTACKER.ip);
    expect(attacker?.asn).toEqual({ asn: Number(ATTACKER.asn), organization: ATTACKER.asnOrg, awsOwned: false });
  });

  it("leaves out values first seen later", async () => {
    const profile = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY, until: new Date("2026-11-16T12:00:00Z") });
    const addresses = profile?.baseline.dimensions.find((dimension) => dimension.dimension === "ip")?.values ?? [];
    expect(addresses.map((value) => value.value)).toEqual([OFFICE_NETWORK.addresses[0]]);
  });

  it("reports not enough history", async () => {
    const profile = await getPrincipalProfile({ principalKey: userArn(newcomer) });
    expect(profile?.baseline.state).toBe("not_enough_history");
    expect(profile?.baseline.coveredDays).toBe(0);
  });

  it("counts events in the activity", async () => {
    const profile = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY });
    const total = profile?.activity.buckets.reduce((sum, bucket) => sum + bucket.events, 0);
    expect(total).toBe(profile?.principal.eventCount);
    expect(profile?.activity.buckets.reduce((sum, bucket) => sum + bucket.errors, 0)).toBe(1);
  });

  it("lists its incident", async () => {
    const profile = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY });
    expect(profile?.incidents.map((incident) => incident.id)).toEqual([incidentId]);
  });
});

describe("getAccessKeyProfile", () => {
  it("traces the created key to its creator", async () => {
    const profile = await getAccessKeyProfile(SCENARIO_KEYS.created);
    expect(profile?.kind).toBe("long-term");
    expect(profile?.ownerKey).toBe(REPORTS_SVC_KEY);
    expect(profile?.createdByKey).toBe(SCENARIO_KEYS.stolen);
    expect(profile?.createdByPrincipalKey).toBe(REPORTS_SVC_KEY);
    expect(profile?.incidents.map((incident) => incident.id)).toEqual([incidentId]);
  });

  it("shows the status CloudTrail set last", async () => {
    const profile = await getAccessKeyProfile(SCENARIO_KEYS.created);
    expect(profile?.status).toBe("Inactive");
    expect(profile?.statusChange?.at).toBe(new Date(CONTAINMENT.deactivateCreatedKeyTime).toISOString());
    const principal = await getPrincipalProfile({ principalKey: REPORTS_SVC_KEY });
    expect(principal?.accessKeys.map((key) => key.status)).toEqual(["Inactive", "Inactive"]);
  });

  it("lists keys created with the stolen key", async () => {
    const profile = await getAccessKeyProfile(SCENARIO_KEYS.stolen);
    expect(profile?.keysCreated.map((key) => key.accessKeyId)).toEqual([SCENARIO_KEYS.created]);
    expect(profile?.principals.map((use) => use.principalKey)).toEqual([REPORTS_SVC_KEY]);
  });

  it("lists sessions obtained with a key", async () => {
    const profile = await getAccessKeyProfile(newcomer.accessKeyId);
    expect(profile?.sessions.map((session) => session.accessKeyId)).toEqual([SESSION_KEY]);
    expect(profile?.sessions[0]?.eventName).toBe("GetSessionToken");
  });

  it("finds where a session came from", async () => {
    const profile = await getAccessKeyProfile(SESSION_KEY);
    expect(profile?.kind).toBe("temporary");
    expect(profile?.obtainedFrom?.obtainedWith).toBe(newcomer.accessKeyId);
  });

  it("returns null for an unseen key", async () => {
    expect(await getAccessKeyProfile("AKIANEVERSEEN0000000")).toBeNull();
  });
});

describe("getAddressProfile", () => {
  it("describes the attacker address", async () => {
    const profile = await getAddressProfile(ATTACKER.ip);
    expect(profile?.country).toBe("NL");
    expect(profile?.isPublic).toBe(true);
    expect(profile?.aws.owned).toBeNull();
    expect(profile?.principals.map((use) => use.principalKey)).toEqual([REPORTS_SVC_KEY]);
    expect(profile?.principals[0]?.accessKeyIds.sort()).toEqual([SCENARIO_KEYS.created, SCENARIO_KEYS.stolen].sort());
    expect(profile?.incidents.map((incident) => incident.id)).toEqual([incidentId]);
  });

  it("names the attacker's ASN", async () => {
    const profile = await getAddressProfile(ATTACKER.ip);
    expect(profile?.asn).toEqual({ asn: Number(ATTACKER.asn), organization: ATTACKER.asnOrg, awsOwned: false });
  });

  it("recognises an AWS-owned address without ip-ranges.json", async () => {
    const profile = await getAddressProfile(AWS_ADDRESSES.ciRunner);
    expect(profile?.aws.owned).toBeNull();
    expect(profile?.asn).toEqual({ asn: 14618, organization: "Amazon.com, Inc.", awsOwned: true });
  });

  it("rejects text that is not an address", async () => {
    expect(await getAddressProfile("AWS Internal")).toBeNull();
  });
});
