import { createReadStream, readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { describe, expect, it } from "vitest";

import { listFiles, sharedExists, sharedMissing, sharedPath } from "@/lib/sources/common/shared-folder";
import { DEFAULT_FORMAT } from "./flow-fields";
import { newFlowLogStats, parseFlowLogLines } from "./parse-flow-log";
import type { FlowLogStats, FlowRecord } from "./types";
import type { Rejection } from "@/lib/ingest/types";

const SAMPLES = sharedPath("samples", "vpcflow");

const V5 = [
  ...DEFAULT_FORMAT,
  ...(
    "vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr region az-id sublocation-type " +
    "sublocation-id pkt-src-aws-service pkt-dst-aws-service flow-direction traffic-path"
  ).split(" "),
];
const V8 = [
  ...V5,
  ...(
    "ecs-cluster-arn ecs-cluster-name ecs-container-instance-arn ecs-container-instance-id ecs-container-id " +
    "ecs-second-container-id ecs-service-name ecs-task-definition-arn ecs-task-arn ecs-task-id reject-reason"
  ).split(" "),
];
/** The Transit Gateway default format: every TGW field, in the documented order. */
const TGW = (
  "version resource-type account-id tgw-id tgw-attachment-id tgw-src-vpc-account-id tgw-dst-vpc-account-id " +
  "tgw-src-vpc-id tgw-dst-vpc-id tgw-src-subnet-id tgw-dst-subnet-id tgw-src-eni tgw-dst-eni tgw-src-az-id " +
  "tgw-dst-az-id tgw-pair-attachment-id srcaddr dstaddr srcport dstport protocol packets bytes start end " +
  "log-status type packets-lost-no-route packets-lost-blackhole packets-lost-mtu-exceeded " +
  "packets-lost-ttl-expired tcp-flags region flow-direction pkt-src-aws-service pkt-dst-aws-service"
).split(" ");

/**
 * Elastic's test files carry no header (their pipeline is configured with the format);
 * these are the formats those files were written in.
 */
const HEADERLESS_FORMATS: Record<string, string[]> = {
  "test-v5-all-fields.log": V5,
  "test-v8-samples.log": V8,
  "test-tgw-samples.log": TGW,
};

interface Expected {
  records: number;
  nodata?: number;
  skipdata?: number;
  rejected?: Array<[string | null, RegExp]>;
}

const BEFORE_2015_TWICE: Array<[string, RegExp]> = [
  ["start", /time 1418530010 is 2014-12-14T04:06:50Z, before 2015-01-01/],
  ["start", /time 1418530010 is 2014-12-14T04:06:50Z, before 2015-01-01/],
];

const EXPECTED: Record<string, Expected> = {
  "awsdocs/nat-gateway-custom-with-header.log": { records: 6 },
  "awsdocs/tgw-path-custom-with-header.log": { records: 4 },
  // Two of the AWS documentation's examples are dated December 2014 (1418530010), before
  // the service launched; the 2015 rule rejects them, as it would any misread time.
  "awsdocs/v2-default-examples.log": {
    records: 5,
    nodata: 1,
    skipdata: 1,
    rejected: BEFORE_2015_TWICE,
  },
  "awsdocs/v3-tcp-flags-custom-with-header.log": { records: 8 },
  "awsdocs/v5-traffic-path-flow-direction-with-header.log": { records: 2 },
  "elastic-integrations/test-extra-samples.log": {
    records: 5,
    nodata: 1,
    skipdata: 1,
    rejected: BEFORE_2015_TWICE,
  },
  "elastic-integrations/test-tcp-flag-sequence.log": { records: 3, nodata: 1, skipdata: 1 },
  "elastic-integrations/test-tgw-samples.log": { records: 10, nodata: 1, skipdata: 6 },
  // Its start, 164000066, is 1975: a typo in the sample (end is 1640000297).
  "elastic-integrations/test-v5-all-fields.log": {
    records: 0,
    rejected: [["start", /before 2015-01-01/]],
  },
  "elastic-integrations/test-v8-samples.log": { records: 1, nodata: 1 },
};

async function parseFile(file: string, format?: string[]) {
  const stats = newFlowLogStats();
  const records: FlowRecord[] = [];
  const rejections: Rejection[] = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const item of parseFlowLogLines({ lines, format, stats })) {
    if (item.type === "flow") {
      records.push(item.record);
    } else {
      rejections.push(item.rejection);
    }
  }
  return { stats, records, rejections };
}

function expectExplained(rejections: Rejection[], stats: FlowLogStats): void {
  expect(stats.rejected).toBe(rejections.length);
  for (const rejection of rejections) {
    expect(rejection.recordIndex).not.toBeNull();
    expect(rejection.reason).toMatch(/^line \d+: \S/);
    expect(rejection.raw?.length).toBeGreaterThan(0);
  }
}

// The Panther JSONL in that folder holds records that Panther already parsed (and OCSF and
// DNS records); it is not flow log text, so these tests skip it.
const textFiles = listFiles(SAMPLES).filter((f) => f.endsWith(".log"));

describe.skipIf(!sharedExists("samples", "vpcflow"))(
  "VPC flow samples in shared/samples/vpcflow",
  () => {
    it("has an expectation for every text sample", () => {
      expect(textFiles.map((f) => relative(SAMPLES, f)).sort()).toEqual(
        Object.keys(EXPECTED).sort(),
      );
    });

    it.each(textFiles.map((f) => [relative(SAMPLES, f), f]))("%s", async (name, file) => {
      const { stats, records, rejections } = await parseFile(
        file,
        HEADERLESS_FORMATS[basename(file)],
      );
      expectExplained(rejections, stats);
      const expected = EXPECTED[name];
      expect(records).toHaveLength(expected.records);
      expect(stats.nodata).toBe(expected.nodata ?? 0);
      expect(stats.skipdata).toBe(expected.skipdata ?? 0);
      expect(rejections.map((r) => r.field)).toEqual(
        (expected.rejected ?? []).map(([field]) => field),
      );
      (expected.rejected ?? []).forEach(([, reason], i) =>
        expect(rejections[i].reason).toMatch(reason),
      );
      for (const record of records) {
        expect(Object.values(record)).not.toContain("-");
        expect(record.start === null || record.start.getUTCFullYear() >= 2015).toBe(true);
      }
    });

    it("explains every rejection of a header-less file read without its format", async () => {
      for (const name of Object.keys(HEADERLESS_FORMATS)) {
        const file = sharedPath("samples/vpcflow/elastic-integrations", name);
        const { stats, records, rejections } = await parseFile(file);
        expectExplained(rejections, stats);
        expect(records).toEqual([]);
        for (const rejection of rejections) {
          expect(rejection.reason).toMatch(
            /expected 14 fields \(from the default version 2 format\), got (29|36|40)$/,
          );
        }
      }
    });

    it("reads the values of the v8 ECS sample and the TGW samples", async () => {
      const v8 = await parseFile(
        sharedPath("samples/vpcflow/elastic-integrations/test-v8-samples.log"),
        V8,
      );
      expect(v8.records[0]).toMatchObject({
        srcAddr: "2a02:cf40::",
        dstAddr: "1.128.0.0",
        action: "REJECT",
        rejectReason: "BPA",
        ecsServiceName: "payments-service",
        ecsTaskId: "e504f037-35c",
        flowDirection: "ingress",
        trafficPath: null,
      });
      const tgw = await parseFile(
        sharedPath("samples/vpcflow/elastic-integrations/test-tgw-samples.log"),
        TGW,
      );
      expect(tgw.records[0]).toMatchObject({
        tgwId: "tgw-0a12bc34de56f7890",
        tgwAttachmentId: "tgw-attach-0789ijkl",
        tgwSrcVpcId: "vpc-0jkl5678",
        dstAddr: "2a02:cf40::",
        packetsLostNoRoute: null,
        logStatus: "SKIPDATA",
      });
      expect(tgw.records[0].start?.toISOString()).toBe("2025-08-19T08:35:33.000Z");
    });
  },
);

describe.skipIf(sharedMissing("VPC flow failure-case tests", "cases", "B06.log.gz"))("failure cases in shared/cases", () => {
  it("B06: a two-member gzip file yields all four records", async () => {
    const lines = createInterface({
      input: createReadStream(sharedPath("cases/B06.log.gz")).pipe(createGunzip()),
      crlfDelay: Infinity,
    });
    const stats = newFlowLogStats();
    const sources: Array<string | null> = [];
    for await (const item of parseFlowLogLines({ lines, stats })) {
      sources.push(item.type === "flow" ? item.record.srcAddr : null);
    }
    expect(stats).toMatchObject({ headers: 1, records: 4, rejected: 0 });
    expect(sources).toEqual(["203.0.113.7", "10.0.3.9", "203.0.113.8", "10.0.3.9"]);
  });

  it("B07, B08, B10: header mapping, NODATA/SKIPDATA and epoch seconds", async () => {
    const b07 = await parseFile(sharedPath("cases/B07.log"));
    expect(b07.stats).toMatchObject({ records: 2, skipdata: 1, rejected: 0 });
    expect(b07.records[1]).toMatchObject({
      srcAddr: "203.0.113.50",
      dstPort: 443,
      tcpFlags: 2,
      version: 5,
    });
    const b08 = await parseFile(sharedPath("cases/B08.log"));
    expect(b08.stats).toMatchObject({ records: 3, nodata: 1, skipdata: 1, rejected: 0 });
    const b10 = await parseFile(sharedPath("cases/B10.log"));
    expect(b10.records[0].start?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(readFileSync(sharedPath("cases/B10.log"), "utf8")).toContain("1700000000");
  });
});
