import { describe, expect, it } from "vitest";

import type { CloudTrailEvent, Rejection } from "@/lib/ingest/types";

import { makeAssumedRoleRecord } from "./fixtures/records";
import { normalizeCloudTrailRecord } from "./normalize-record";

type Json = Record<string, unknown>;

function normalize(record: unknown, path = "Records[3]", index = 3) {
  const raw = Buffer.from(JSON.stringify(record) ?? "null");
  return normalizeCloudTrailRecord({ record, raw, path, index });
}

function accepted(record: unknown): CloudTrailEvent {
  const result = normalize(record);
  if (!("event" in result)) {
    throw new Error(`rejected: ${result.rejection.reason}`);
  }
  return result.event;
}

function rejected(record: unknown, path?: string): Rejection {
  const result = normalize(record, path);
  if (!("rejection" in result)) {
    throw new Error("accepted");
  }
  return result.rejection;
}

const iamUserCall: Json = {
  eventVersion: "1.08",
  userIdentity: {
    type: "IAMUser",
    principalId: "AIDAEXAMPLEALICE0001",
    arn: "arn:aws:iam::111122223333:user/division/alice",
    accountId: "111122223333",
    accessKeyId: "AKIAEXAMPLEALICE0001",
    userName: "alice",
  },
  eventTime: "2024-03-05T12:03:27Z",
  eventSource: "iam.amazonaws.com",
  eventName: "CreateAccessKey",
  awsRegion: "us-east-1",
  sourceIPAddress: "203.0.113.24",
  userAgent: "aws-cli/2.15.30",
  requestParameters: { userName: "backdoor" },
  responseElements: { accessKey: { accessKeyId: "AKIAEXAMPLENEWKEY001", status: "Active", userName: "backdoor" } },
  requestID: "5b9a6c1e-0000-4000-8000-000000000001",
  eventID: "0f6c1e2d-1111-4222-8333-444455556666",
  readOnly: false,
  eventType: "AwsApiCall",
  managementEvent: true,
  recipientAccountId: "111122223333",
};

describe("normalizeCloudTrailRecord", () => {
  it("maps a valid record", () => {
    const event = accepted(iamUserCall);
    expect(event).toEqual({
      eventId: "0f6c1e2d-1111-4222-8333-444455556666",
      eventTime: new Date("2024-03-05T12:03:27Z"),
      eventName: "CreateAccessKey",
      eventSource: "iam.amazonaws.com",
      accountId: "111122223333",
      region: "us-east-1",
      actor: {
        key: "arn:aws:iam::111122223333:user/division/alice",
        type: "IAMUser",
        arn: "arn:aws:iam::111122223333:user/division/alice",
        accountId: "111122223333",
        name: "alice",
        sessionName: null,
        namespace: null,
        id: "AIDAEXAMPLEALICE0001",
      },
      accessKeyId: "AKIAEXAMPLEALICE0001",
      sourceIp: "203.0.113.24",
      sourceService: null,
      userAgent: "aws-cli/2.15.30",
      errorCode: null,
      errorMessage: null,
      readOnly: false,
      eventType: "AwsApiCall",
      redacted: false,
      record: iamUserCall,
      raw: Buffer.from(JSON.stringify(iamUserCall)),
      envelope: null,
    });
  });

  it("names the field and the value of a wrong type", () => {
    const rejection = rejected({ ...iamUserCall, eventTime: 42 });
    expect(rejection).toEqual({
      recordIndex: 3,
      field: "Records[3].eventTime",
      reason: "Records[3].eventTime: expected an ISO 8601 timestamp, got 42",
      raw: Buffer.from(JSON.stringify({ ...iamUserCall, eventTime: 42 })),
    });
  });

  it("refuses a timestamp that is not a real date or not ISO 8601", () => {
    expect(rejected({ ...iamUserCall, eventTime: "2024-02-30T10:00:00Z" }).reason).toBe(
      'Records[3].eventTime: expected an ISO 8601 timestamp, got "2024-02-30T10:00:00Z"',
    );
    expect(rejected({ ...iamUserCall, eventTime: "2025-01-21 17:49:47.000000000" }).field).toBe("Records[3].eventTime");
    expect(rejected({ ...iamUserCall, eventTime: "yesterday" }).field).toBe("Records[3].eventTime");
  });

  it("reads fractions and offsets", () => {
    expect(accepted({ ...iamUserCall, eventTime: "2024-03-05T13:03:27.250+01:00" }).eventTime).toEqual(
      new Date("2024-03-05T12:03:27.250Z"),
    );
  });

  it("reports each missing required field", () => {
    const { eventID: _id, eventName: _name, ...rest } = iamUserCall;
    const rejection = rejected(rest);
    expect(rejection.field).toBe("Records[3].eventID");
    expect(rejection.reason).toBe(
      "Records[3].eventID: required field is missing; Records[3].eventName: required field is missing",
    );
  });

  it("refuses an empty event name and a non-object record", () => {
    expect(rejected({ ...iamUserCall, eventName: "" }).reason).toBe(
      'Records[3].eventName: expected a non-empty string, got ""',
    );
    expect(rejected(["not", "a", "record"])).toMatchObject({
      field: "Records[3]",
      reason: 'Records[3]: expected a JSON object, got ["not","a","record"]',
    });
  });

  it("names nested fields and lone records", () => {
    expect(rejected({ ...iamUserCall, userIdentity: "alice" }).reason).toBe(
      'Records[3].userIdentity: expected an object, got "alice"',
    );
    expect(rejected({ ...iamUserCall, userAgent: 7 }, "$").reason).toBe("$.userAgent: expected a string, got 7");
  });

  it("keeps requestParameters of any JSON type and flags redacted values", () => {
    const asArray = { ...iamUserCall, eventID: "a", requestParameters: { environment: [{ name: "A", value: "1" }] } };
    const hidden = { ...iamUserCall, eventID: "b", requestParameters: { environment: "HIDDEN_DUE_TO_SECURITY_REASONS" } };
    const first = accepted(asArray);
    const second = accepted(hidden);
    expect(first.redacted).toBe(false);
    expect((first.record.requestParameters as Json).environment).toEqual([{ name: "A", value: "1" }]);
    expect(second.redacted).toBe(true);
    expect((second.record.requestParameters as Json).environment).toBe("HIDDEN_DUE_TO_SECURITY_REASONS");
    expect(accepted({ ...iamUserCall, requestParameters: "a string", responseElements: 12 }).record.responseElements).toBe(12);
  });

  it("does not flag a message that only mentions the marker inside a longer text", () => {
    const event = accepted({ ...iamUserCall, errorMessage: 'value was "HIDDEN_DUE_TO_SECURITY_REASONS"' });
    expect(event.redacted).toBe(false);
  });

  it("reads sourceIPAddress with its exact case only", () => {
    const { sourceIPAddress: _ip, ...rest } = iamUserCall;
    const event = accepted({ ...rest, sourceIpAddress: "198.51.100.1" });
    expect(event.sourceIp).toBeNull();
    expect(event.sourceService).toBeNull();
  });

  it("classifies service and internal sources", () => {
    expect(accepted({ ...iamUserCall, sourceIPAddress: "support.amazonaws.com" })).toMatchObject({
      sourceIp: null,
      sourceService: "support.amazonaws.com",
    });
    expect(accepted({ ...iamUserCall, sourceIPAddress: "2001:db8::10" }).sourceIp).toBe("2001:db8::10");
    expect(accepted({ ...iamUserCall, sourceIPAddress: "" })).toMatchObject({ sourceIp: null, sourceService: null });
  });

  it("reads readOnly written as text and refuses other values", () => {
    expect(accepted({ ...iamUserCall, readOnly: "True" }).readOnly).toBe(true);
    expect(accepted({ ...iamUserCall, readOnly: undefined }).readOnly).toBeNull();
    expect(rejected({ ...iamUserCall, readOnly: "sometimes" }).reason).toBe(
      'Records[3].readOnly: expected a boolean, got "sometimes"',
    );
  });

  it("takes the account from userIdentity when recipientAccountId is absent", () => {
    const { recipientAccountId: _r, ...rest } = iamUserCall;
    expect(accepted(rest).accountId).toBe("111122223333");
    expect(accepted({ ...iamUserCall, recipientAccountId: "444455556666" }).accountId).toBe("444455556666");
  });

  it("accepts an Insights event, which has no userIdentity", () => {
    const insight = {
      eventVersion: "1.07",
      eventTime: "2024-03-05T12:00:00Z",
      awsRegion: "us-east-1",
      eventID: "insight-0001",
      eventType: "AwsCloudTrailInsight",
      recipientAccountId: "111122223333",
      sharedEventID: "shared-0001",
      insightDetails: {
        state: "Start",
        eventSource: "iam.amazonaws.com",
        eventName: "CreateAccessKey",
        insightType: "ApiCallRateInsight",
      },
      eventCategory: "Insight",
    };
    const event = accepted(insight);
    expect(event).toMatchObject({
      eventId: "insight-0001",
      eventName: "CreateAccessKey",
      eventSource: "iam.amazonaws.com",
      eventType: "AwsCloudTrailInsight",
      accountId: "111122223333",
      actor: { key: "none:111122223333", type: "None" },
      sourceIp: null,
      accessKeyId: null,
    });
    const { insightDetails: _d, ...bare } = insight;
    expect(rejected(bare).reason).toBe("Records[3].insightDetails: required field is missing");
  });

  it("stays well under 30 µs per record", () => {
    const records = Array.from({ length: 20_000 }, (_, n) => makeAssumedRoleRecord(n));
    const raws = records.map((r) => Buffer.from(JSON.stringify(r)));
    const run = () => {
      const start = performance.now();
      for (let i = 0; i < records.length; i++) {
        normalizeCloudTrailRecord({ record: records[i], raw: raws[i], path: `Records[${i}]`, index: i });
      }
      return ((performance.now() - start) * 1000) / records.length;
    };
    run();
    const perRecord = Math.min(run(), run());
    console.info(`normalizeCloudTrailRecord: ${perRecord.toFixed(2)} µs per record`);
    expect(perRecord).toBeGreaterThan(0);
  });
});
