import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterEach, describe, expect, it, vi } from "vitest";

import { db } from "@/lib/db/client";
import { correlateSignals } from "@/lib/incidents/correlate-signals";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { FOREIGN_IP, seedUserHistory } from "./__fixtures__/seed-user-history";
import { detectRecords, callBy } from "./__fixtures__/detect-records";
import { readFlowExfiltrationSettings } from "./rules/flow-exfiltration-rule";
import { signalFlowExfiltration } from "./signal-flow-exfiltration";

useTestDatabase();

const MIB = 1024 * 1024;

interface Flow {
  src: string;
  dst: string;
  megabytes: number;
  start: string;
  interfaceId: string;
  action?: string;
}

let line = 0;

/** Stores flow records as one batch and returns its id. */
async function storeFlows(flows: readonly Flow[]): Promise<{ batchId: string; naturalIds: string[] }> {
  const batchId = randomUUID();
  const naturalIds = flows.map(() => `flow-${randomUUID()}`);
  await db().flowRecord.createMany({
    data: flows.map((flow, index) => {
      line += 1;
      const start = new Date(flow.start);
      return {
        naturalId: naturalIds[index],
        accountId: "111122223333",
        interfaceId: flow.interfaceId,
        srcAddr: flow.src,
        dstAddr: flow.dst,
        srcPort: 49152,
        dstPort: 443,
        protocol: 6,
        packets: BigInt(Math.round((flow.megabytes * MIB) / 1400)),
        bytes: BigInt(Math.round(flow.megabytes * MIB)),
        start,
        end: new Date(start.getTime() + 60_000),
        action: flow.action ?? "ACCEPT",
        logStatus: "OK",
        fields: {},
        batchId,
        lineNumber: line,
        raw: `2 111122223333 eni-0a1b2c3d4e5f60718 ${flow.src} ${flow.dst} 49152 443 6 1 1 0 60 ACCEPT OK`,
      };
    }),
  });
  return { batchId, naturalIds };
}

/** Flow signals of one interface; each test uses its own, since the tests of this file share a database. */
function flowSignals(interfaceId: string) {
  return db().signal.findMany({
    where: { ruleId: "vpc-flow-unusual-transfer-out", principalKey: `interface:${interfaceId}` },
    orderBy: { eventTime: "asc" },
  });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("signalFlowExfiltration", () => {
  it("flags an hour of large transfers to a new foreign address", async () => {
    const eni = "eni-0000000000000a001";
    const { batchId, naturalIds } = await storeFlows([
      { src: "10.0.1.25", dst: FOREIGN_IP, megabytes: 60, start: "2026-11-17T02:31:00Z", interfaceId: eni },
      { src: "10.0.1.25", dst: FOREIGN_IP, megabytes: 80, start: "2026-11-17T02:40:00Z", interfaceId: eni },
    ]);
    await signalFlowExfiltration({ batchId });
    const [signal, ...rest] = await flowSignals(eni);
    expect(rest).toEqual([]);
    expect(signal.source).toBe("vpcflow");
    expect(signal.naturalId).toBe(naturalIds[1]);
    expect(signal.principalKey).toBe(`interface:${eni}`);
    expect(signal.sourceIp).toBe(FOREIGN_IP);
    expect(signal.eventTime.toISOString()).toBe("2026-11-17T02:31:00.000Z");
    expect(signal.title).toBe(`140.0 MiB sent from 10.0.1.25 to ${FOREIGN_IP} (NL) within an hour`);
    expect(signal.details).toMatchObject({ bytes: 140 * MIB, flows: 2, usualPeakBytesPerHour: 0, destination: { country: "NL" } });
  });

  it("leaves small, private, rejected and approved transfers alone", async () => {
    const eni = "eni-0000000000000a002";
    vi.stubEnv("WATCHFLOOR_APPROVED_COUNTRIES", "nl, de");
    const { batchId } = await storeFlows([
      { src: "10.0.1.25", dst: FOREIGN_IP, megabytes: 500, start: "2026-11-17T03:00:00Z", interfaceId: eni },
      { src: "10.0.1.25", dst: "10.0.9.9", megabytes: 500, start: "2026-11-17T03:00:00Z", interfaceId: eni },
      { src: "10.0.1.25", dst: "64.124.16.37", megabytes: 20, start: "2026-11-17T03:00:00Z", interfaceId: eni },
      { src: "10.0.1.25", dst: "64.124.16.37", megabytes: 500, start: "2026-11-17T03:10:00Z", action: "REJECT", interfaceId: eni },
    ]);
    await signalFlowExfiltration({ batchId });
    expect(await flowSignals(eni)).toEqual([]);
  });

  it("compares with the busiest earlier hour to that address", async () => {
    const eni = "eni-0000000000000a003";
    await storeFlows([{ src: "10.0.1.30", dst: "64.124.16.37", megabytes: 120, start: "2026-11-14T09:00:00Z", interfaceId: eni }]);
    const usual = await storeFlows([{ src: "10.0.1.30", dst: "64.124.16.37", megabytes: 300, start: "2026-11-17T09:00:00Z", interfaceId: eni }]);
    await signalFlowExfiltration({ batchId: usual.batchId });
    expect(await flowSignals(eni)).toEqual([]);

    const unusual = await storeFlows([{ src: "10.0.1.30", dst: "64.124.16.37", megabytes: 1200, start: "2026-11-17T11:00:00Z", interfaceId: eni }]);
    await signalFlowExfiltration({ batchId: unusual.batchId });
    const signals = await flowSignals(eni);
    expect(signals.map((signal) => signal.naturalId)).toEqual(unusual.naturalIds);
    expect(signals[0].details).toMatchObject({ usualPeakBytesPerHour: 300 * MIB });
  });

  it("joins the incident of the address the key was misused from", async () => {
    const eni = "eni-0000000000000a004";
    const { abroad, principalKey } = await seedUserHistory("flow-victim");
    await detectRecords([callBy(abroad, "ListBuckets", { eventSource: "s3.amazonaws.com", time: "2026-11-17T10:00:00Z" })]);
    const { batchId } = await storeFlows([{ src: "10.0.1.40", dst: FOREIGN_IP, megabytes: 400, start: "2026-11-17T10:20:00Z", interfaceId: eni }]);
    await signalFlowExfiltration({ batchId });
    await correlateSignals();
    const [flow] = await flowSignals(eni);
    const [recon] = await db().signal.findMany({ where: { principalKey, ruleId: "recon-storage-discovery" } });
    expect(flow.incidentId).not.toBeNull();
    expect(flow.incidentId).toBe(recon.incidentId);
  });

  it("judges AWS addresses by region", async () => {
    const eni = "eni-0000000000000a005";
    const ranges = join(mkdtempSync(join(tmpdir(), "watchfloor-ranges-")), "ip-ranges.json");
    writeFileSync(
      ranges,
      JSON.stringify({
        syncToken: "1",
        createDate: "2026-11-01-00-00-00",
        prefixes: [{ ip_prefix: "85.17.31.0/24", region: "eu-west-1", service: "EC2", network_border_group: "eu-west-1" }],
        ipv6_prefixes: [],
      }),
    );
    vi.stubEnv("WATCHFLOOR_AWS_IP_RANGES", ranges);
    vi.stubEnv("WATCHFLOOR_APPROVED_COUNTRIES", "NL");
    vi.stubEnv("WATCHFLOOR_APPROVED_REGIONS", "us-east-1");
    const { batchId } = await storeFlows([{ src: "10.0.1.50", dst: FOREIGN_IP, megabytes: 300, start: "2026-11-17T05:00:00Z", interfaceId: eni }]);
    await signalFlowExfiltration({ batchId });
    const [signal] = await flowSignals(eni);
    expect(signal.title).toBe(`300.0 MiB sent from 10.0.1.50 to ${FOREIGN_IP} (eu-west-1) within an hour`);
    expect(signal.details).toMatchObject({ destination: { country: "NL", awsRegion: "eu-west-1" }, approvedRegions: ["us-east-1"] });

    vi.stubEnv("WATCHFLOOR_APPROVED_REGIONS", "us-east-1,eu-west-1");
    const later = await storeFlows([{ src: "10.0.1.51", dst: FOREIGN_IP, megabytes: 300, start: "2026-11-17T06:00:00Z", interfaceId: "eni-0000000000000a006" }]);
    await signalFlowExfiltration({ batchId: later.batchId });
    expect(await flowSignals("eni-0000000000000a006")).toEqual([]);
  });

  it("rejects malformed country and region lists", () => {
    expect(() => readFlowExfiltrationSettings({ WATCHFLOOR_APPROVED_COUNTRIES: "NL,Netherlands" })).toThrow(
      "WATCHFLOOR_APPROVED_COUNTRIES must list two-letter country codes separated by commas, got 'NETHERLANDS'.",
    );
    expect(() => readFlowExfiltrationSettings({ WATCHFLOOR_APPROVED_REGIONS: "eu-west-1,Ireland" })).toThrow(
      "WATCHFLOOR_APPROVED_REGIONS must list AWS regions such as eu-west-1 separated by commas, got 'ireland'.",
    );
  });
});
