import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { openInputBuffer } from "@/lib/ingest/open-input";
import type { CloudTrailEvent, ParsedItem, Rejection } from "@/lib/ingest/types";

import { chunksOf, makeAssumedRoleRecord } from "./fixtures/records";
import { parseCloudTrailStream } from "./parse-cloudtrail-stream";

type Json = Record<string, unknown>;

async function parse(body: Buffer | string, chunk = 64 * 1024): Promise<{ events: CloudTrailEvent[]; rejections: Rejection[]; items: ParsedItem[] }> {
  const buf = typeof body === "string" ? Buffer.from(body) : body;
  const items: ParsedItem[] = [];
  for await (const item of parseCloudTrailStream({ stream: chunksOf(buf, chunk), fileLabel: "test.json" })) {
    items.push(item);
  }
  return {
    items,
    events: items.flatMap((i) => (i.type === "cloudtrail" ? [i.event] : [])),
    rejections: items.flatMap((i) => (i.type === "reject" ? [i.rejection] : [])),
  };
}

const record = (n: number, extra: Json = {}) => makeAssumedRoleRecord(n, extra);

describe("parseCloudTrailStream", () => {
  it("reads a delivery file and keeps each record's exact bytes", async () => {
    const text = `{"Records": [\n  ${JSON.stringify(record(0))},\n  ${JSON.stringify(record(1))}\n]}`;
    const { events, rejections, items } = await parse(text, 100);
    expect(rejections).toEqual([]);
    expect(events.map((e) => e.eventId)).toEqual([record(0).eventID, record(1).eventID]);
    expect(events[1].raw.toString()).toBe(JSON.stringify(record(1)));
    expect(items.map((i) => (i.type === "cloudtrail" ? i.index : -1))).toEqual([0, 1]);
    expect(events[0].actor.key).toBe("arn:aws:iam::111122223333:role/ci/Deployer");
  });

  it("rejects a bad record and still yields the ones around it", async () => {
    const records = [record(0), record(1, { eventTime: 42 }), record(2), record(3, { eventID: undefined })];
    const { events, rejections } = await parse(JSON.stringify({ Records: records }));
    expect(events.map((e) => e.eventId)).toEqual([record(0).eventID, record(2).eventID]);
    expect(rejections.map((r) => [r.recordIndex, r.field, r.reason])).toEqual([
      [1, "Records[1].eventTime", "Records[1].eventTime: expected an ISO 8601 timestamp, got 42"],
      [3, "Records[3].eventID", "Records[3].eventID: required field is missing"],
    ]);
    expect(rejections[0].raw?.toString()).toBe(JSON.stringify(records[1]));
  });

  it("rejects a record with invalid JSON and reads on", async () => {
    const text = `[${JSON.stringify(record(0))},{"eventID": "x", "eventTime": tru},${JSON.stringify(record(2))}]`;
    const { events, rejections } = await parse(text);
    expect(events.map((e) => e.eventId)).toEqual([record(0).eventID, record(2).eventID]);
    expect(rejections).toHaveLength(1);
    const start = text.indexOf('{"eventID": "x"');
    expect(rejections[0]).toMatchObject({ recordIndex: 1, field: null });
    expect(rejections[0].reason).toMatch(
      new RegExp(`^invalid JSON in \\[1\\] in the record starting at byte offset ${start} \\(record index 1\\)`),
    );
    expect(rejections[0].raw?.toString()).toBe('{"eventID": "x", "eventTime": tru}');
    expect(rejections[0].reason).not.toContain("Stopped reading the file.");
  });

  it("gives the exact offset when V8 names the position", async () => {
    const text = `[${JSON.stringify(record(0))},{"eventID": "x" "eventTime": 1},${JSON.stringify(record(2))}]`;
    const { rejections } = await parse(text);
    expect(rejections).toHaveLength(1);
    expect(rejections[0].reason).toContain(`at byte offset ${text.indexOf('"eventTime": 1')} (record index 1)`);
  });

  it("stops the file on a syntax error between records", async () => {
    const text = `{"Records":[${JSON.stringify(record(0))};${JSON.stringify(record(1))}]}`;
    const { events, rejections } = await parse(text);
    expect(events).toHaveLength(1);
    expect(rejections).toEqual([
      {
        recordIndex: 1,
        field: null,
        raw: null,
        reason:
          `invalid JSON: expected ',' or ']' after Records[0], found ';' ` +
          `(byte offset ${text.indexOf(";")}, record index 1). Stopped reading the file.`,
        stopsFile: true,
      },
    ]);
  });

  it("reports a truncated file after the complete records", async () => {
    const text = JSON.stringify({ Records: [record(0), record(1)] });
    const { events, rejections } = await parse(text.slice(0, text.length - 40));
    expect(events).toHaveLength(1);
    expect(rejections).toHaveLength(1);
    expect(rejections[0].recordIndex).toBe(1);
    expect(rejections[0].reason).toMatch(/^truncated JSON: unexpected end of input while reading Records\[1\]/);
  });

  it("turns a truncated gzip into one rejection", async () => {
    const gz = gzipSync(JSON.stringify({ Records: [record(0), record(1), record(2)] }));
    const input = openInputBuffer({ body: gz.subarray(0, gz.length - 30), label: "cut.json.gz" });
    const items: ParsedItem[] = [];
    for await (const item of parseCloudTrailStream({ stream: input.stream, fileLabel: input.label })) {
      items.push(item);
    }
    const rejections = items.flatMap((i) => (i.type === "reject" ? [i.rejection] : []));
    expect(rejections).toHaveLength(1);
    expect(rejections[0].reason).toMatch(/^gzip data in cut\.json\.gz is truncated/);
    expect(rejections[0].reason).toMatch(
      /\(unexpected end of file\)\. Stopped reading the file\. The records read before the damage are stored\. Copy the file again from its source and ingest it again, which stores only the records that are missing\.$/,
    );
    // The record cut short is named by its index, after the records read whole.
    expect(items.filter((i) => i.type === "cloudtrail")).toHaveLength(2);
    expect(rejections[0].recordIndex).toBe(2);
  });

  it("stops at a missing gzip trailer without a record", async () => {
    const gz = gzipSync(JSON.stringify({ Records: [record(0), record(1)] }));
    const input = openInputBuffer({ body: gz.subarray(0, gz.length - 8), label: "no-trailer.json.gz" });
    const items: ParsedItem[] = [];
    for await (const item of parseCloudTrailStream({ stream: input.stream, fileLabel: input.label })) {
      items.push(item);
    }
    expect(items.map((i) => i.type)).toEqual(["cloudtrail", "cloudtrail", "reject"]);
    const rejection = items[2]?.type === "reject" ? items[2].rejection : null;
    expect(rejection?.recordIndex).toBeNull();
    expect(rejection?.field).toBeNull();
    expect(rejection?.stopsFile).toBe(true);
    expect(rejection?.reason).toMatch(/^gzip data in no-trailer\.json\.gz is truncated after \d+ decompressed bytes/);
    // Every byte of the data was read, so reading did not stop early.
    expect(rejection?.reason).toMatch(
      /could not be checked\)\. The records read before the damage are stored\. Copy the file again from its source and ingest it again, which stores only the records that are missing\.$/,
    );
  });

  it("keeps the bytes of a line cut short by a missing gzip trailer", async () => {
    const lines = [record(0), record(1)].map((r) => JSON.stringify(r));
    const gz = gzipSync(lines.join("\n"));
    const input = openInputBuffer({ body: gz.subarray(0, gz.length - 8), label: "no-trailer.jsonl.gz" });
    const items: ParsedItem[] = [];
    for await (const item of parseCloudTrailStream({ stream: input.stream, fileLabel: input.label })) {
      items.push(item);
    }
    expect(items.map((i) => i.type)).toEqual(["cloudtrail", "reject"]);
    const rejection = items[1]?.type === "reject" ? items[1].rejection : null;
    expect(rejection?.recordIndex).toBe(1);
    expect(rejection?.raw?.toString("utf8")).toBe(lines[1]);
  });

  it("reads JSON Lines and bare arrays", async () => {
    const lines = [record(0), record(1)].map((r) => JSON.stringify(r)).join("\n");
    expect((await parse(lines)).events).toHaveLength(2);
    const array = JSON.stringify([record(0), record(1), record(2)]);
    expect((await parse(array)).events).toHaveLength(3);
  });

  it("reads a single record", async () => {
    const { events, rejections } = await parse(JSON.stringify(record(5, { eventTime: "bad" })));
    expect(events).toEqual([]);
    expect(rejections[0].field).toBe("$.eventTime");
  });

  it("produces no event from a digest file", async () => {
    const digest = {
      awsAccountId: "111122223333",
      digestStartTime: "2024-03-05T11:00:00Z",
      digestEndTime: "2024-03-05T12:00:00Z",
      digestPublicKeyFingerprint: "0123456789abcdef0123456789abcdef",
      digestSignatureAlgorithm: "SHA256withRSA",
      logFiles: [{ s3Bucket: "trail", s3Object: "AWSLogs/x.json.gz", hashValue: "00", hashAlgorithm: "SHA-256" }],
    };
    const { events, rejections } = await parse(JSON.stringify(digest));
    expect(events).toEqual([]);
    expect(rejections).toHaveLength(1);
    expect(rejections[0].reason).toBe("the file is a CloudTrail digest file: it lists log files and holds no events");
  });

  it("reports an empty file", async () => {
    const { items } = await parse("  \n");
    expect(items).toEqual([
      { type: "reject", rejection: { recordIndex: null, field: null, raw: null, reason: "test.json is empty: it holds no JSON value" } },
    ]);
  });
});

describe("parseCloudTrailStream with EventBridge envelopes", () => {
  const call = record(9, { eventName: "StopLogging", eventSource: "cloudtrail.amazonaws.com" });
  const envelope = (detailType: string, detail: unknown) => ({
    version: "0",
    id: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
    "detail-type": detailType,
    source: "aws.cloudtrail",
    account: "111122223333",
    time: "2024-03-05T12:09:59Z",
    region: "us-east-1",
    resources: [],
    detail,
  });

  it("takes the event id and time from detail and keeps the envelope", async () => {
    const { events } = await parse(JSON.stringify(envelope("AWS API Call via CloudTrail", call)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      eventId: call.eventID,
      eventTime: new Date(call.eventTime as string),
      eventName: "StopLogging",
      envelope: { id: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", time: "2024-03-05T12:09:59Z", source: "aws.cloudtrail" },
    });
    expect(events[0].record).toEqual(call);
  });

  it("normalises one API call delivered three ways to one event id", async () => {
    const viaEventBridge = await parse(
      [envelope("AWS API Call via CloudTrail", call), envelope("AWS Console Sign In via CloudTrail", record(10))]
        .map((e) => JSON.stringify(e))
        .join("\n"),
    );
    const fromTrailA = await parse(JSON.stringify({ Records: [record(8), call] }));
    const fromTrailB = await parse(`{"Records":[\n${JSON.stringify(call, null, 2)}\n]}`);
    const id = (events: CloudTrailEvent[]) => events.find((e) => e.eventName === "StopLogging")?.eventId;
    expect(id(viaEventBridge.events)).toBe(call.eventID);
    expect(id(fromTrailA.events)).toBe(call.eventID);
    expect(id(fromTrailB.events)).toBe(call.eventID);
    expect(viaEventBridge.events[1].eventId).toBe(record(10).eventID);
  });

  it("accepts service events and names fields under detail", async () => {
    const ok = await parse(JSON.stringify(envelope("AWS Service Event via CloudTrail", record(11))));
    expect(ok.events).toHaveLength(1);
    const bad = await parse(JSON.stringify([envelope("AWS API Call via CloudTrail", record(12, { eventTime: 1 }))]));
    expect(bad.rejections[0].field).toBe("[0].detail.eventTime");
  });

  it("yields GuardDuty Finding events when asked", async () => {
    const finding = envelope("GuardDuty Finding", { id: "f" });
    const text = JSON.stringify([envelope("AWS API Call via CloudTrail", call), finding]);
    const items = [];
    for await (const item of parseCloudTrailStream({ stream: [Buffer.from(text)], fileLabel: "test.json", findingEvents: "yield" })) {
      items.push(item);
    }
    expect(items.map((item) => item.type)).toEqual(["cloudtrail", "finding-event"]);
    const second = items[1];
    expect(second?.type === "finding-event" ? second.event : null).toEqual(finding);
    expect(second?.type === "finding-event" ? second.element.path : null).toBe("[1]");
  });

  it("names the readers for an unread detail-type", async () => {
    const { rejections } = await parse(JSON.stringify(envelope("EC2 Instance State-change Notification", { state: "running" })));
    expect(rejections[0]).toMatchObject({
      field: "$.detail-type",
      reason:
        '$: EventBridge detail-type "EC2 Instance State-change Notification" is not read: Watchfloor reads CloudTrail events ' +
        '(detail-types ending in "via CloudTrail") and "GuardDuty Finding"',
    });
  });

  it("rejects an EventBridge event that is not from CloudTrail", async () => {
    const { rejections } = await parse(JSON.stringify(envelope("GuardDuty Finding", { id: "f" })));
    expect(rejections[0]).toMatchObject({
      field: "$.detail-type",
      reason: '$: EventBridge event of detail-type "GuardDuty Finding" is not a CloudTrail event',
    });
  });
});
