import { beforeAll, describe, expect, it } from "vitest";

import { db } from "@/lib/db/client";
import { GUARDDUTY_FINDING } from "@/lib/demo/scenario";
import { encodeRaw } from "@/lib/ingest/raw-codec";
import {
  ATTACH_USER_POLICY_RAW,
  EVENT_IDS,
  FINDING_RAW_NEW,
  FIRST_FILE_PATH,
  SECOND_FILE_PATH,
  seedSampleIncident,
  type SeededSample,
} from "@/tests/helpers/seed-sample-incident";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { getRawEvent, getRawEventBytes } from "./get-raw-event";

useTestDatabase();

let sample: SeededSample;

beforeAll(async () => {
  sample = await seedSampleIncident();
});

describe("getRawEvent", () => {
  it("returns the exact text", async () => {
    const event = await getRawEvent({ source: "cloudtrail", naturalId: EVENT_IDS.attachUserPolicy });
    expect(event?.raw).toBe(ATTACH_USER_POLICY_RAW);
    expect(event?.byteLength).toBe(Buffer.byteLength(ATTACH_USER_POLICY_RAW, "utf8"));
    expect(event?.validUtf8).toBe(true);
    expect(event?.eventName).toBe("AttachUserPolicy");
    expect(event?.eventTime).toBe("2026-11-17T02:21:47.000Z");
  });

  it("returns provenance and deliveries", async () => {
    const event = await getRawEvent({ source: "cloudtrail", naturalId: EVENT_IDS.attachUserPolicy });
    expect(event?.provenance).toEqual({
      batchId: sample.batchId,
      fileId: sample.firstFileId,
      filePath: FIRST_FILE_PATH,
      recordIndex: 5,
      ingestedAt: "2026-11-17T02:35:00.000Z",
    });
    expect(event?.deliveries).toEqual([
      {
        batchId: sample.batchId,
        fileId: sample.secondFileId,
        filePath: SECOND_FILE_PATH,
        recordIndex: 5,
        ingestedAt: "2026-11-17T02:40:00.000Z",
      },
    ]);
    expect(event?.findingVersions).toEqual([]);
  });

  it("returns null for unknown key", async () => {
    expect(await getRawEvent({ source: "cloudtrail", naturalId: "no-such-event" })).toBeNull();
    expect(await getRawEvent({ source: "guardduty", naturalId: "no-such-finding" })).toBeNull();
    expect(await getRawEvent({ source: "vpcflow", naturalId: EVENT_IDS.attachUserPolicy })).toBeNull();
  });

  it("returns the newest finding version", async () => {
    const finding = await getRawEvent({ source: "guardduty", naturalId: GUARDDUTY_FINDING.id });
    expect(finding?.raw).toBe(FINDING_RAW_NEW);
    expect(finding?.eventName).toBe(GUARDDUTY_FINDING.type);
    expect(finding?.eventTime).toBe("2026-11-17T02:14:05.000Z");
    expect(finding?.provenance).toEqual({
      batchId: sample.batchId,
      fileId: null,
      filePath: null,
      recordIndex: null,
      ingestedAt: null,
    });
    expect(finding?.findingVersions.map((version) => [version.updatedAt, version.count])).toEqual([
      ["2026-11-17T02:29:41.883Z", 5],
      ["2026-11-17T02:19:02.117Z", 3],
    ]);
  });

  it("flags bytes that are not UTF-8", async () => {
    const bytes = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    await db().event.create({
      data: {
        source: "cloudtrail",
        naturalId: "invalid-utf8",
        eventTime: new Date("2026-11-17T03:00:00Z"),
        batchId: sample.batchId,
        fileId: null,
        recordIndex: 0,
        rawCodec: 1,
        raw: new Uint8Array(encodeRaw(bytes, 1).data),
      },
    });
    const event = await getRawEvent({ source: "cloudtrail", naturalId: "invalid-utf8" });
    expect(event?.validUtf8).toBe(false);
    expect(event?.raw).toBe('{"a":"\uFFFD"}');
    expect(event?.provenance.filePath).toBeNull();
    expect(await getRawEventBytes({ source: "cloudtrail", naturalId: "invalid-utf8" })).toEqual(bytes);
  });

  it("keeps a byte order mark", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"b":1}')]);
    await db().event.create({
      data: {
        source: "cloudtrail",
        naturalId: "with-bom",
        eventTime: new Date("2026-11-17T03:00:00Z"),
        batchId: sample.batchId,
        recordIndex: 0,
        rawCodec: 1,
        raw: new Uint8Array(encodeRaw(bytes, 1).data),
      },
    });
    const event = await getRawEvent({ source: "cloudtrail", naturalId: "with-bom" });
    expect(event?.raw).toBe('\uFEFF{"b":1}');
    expect(event?.byteLength).toBe(10);
  });
});

describe("getRawEventBytes", () => {
  it("returns the exact bytes", async () => {
    const bytes = await getRawEventBytes({ source: "cloudtrail", naturalId: EVENT_IDS.attachUserPolicy });
    expect(bytes?.equals(Buffer.from(ATTACH_USER_POLICY_RAW, "utf8"))).toBe(true);
  });

  it("returns null for unknown key", async () => {
    expect(await getRawEventBytes({ source: "cloudtrail", naturalId: "no-such-event" })).toBeNull();
  });
});
