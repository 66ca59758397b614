import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { gzipSync } from "node:zlib";

import { describe, expect, it } from "vitest";

import { listFiles, sharedExists, sharedPath } from "@/lib/sources/common/shared-folder";
import { makeAssumedRoleRecord } from "@/lib/sources/cloudtrail/fixtures/records";

import { DETECT_HEAD_BYTES, detectFileKind } from "./detect-file-kind";

const detect = (content: string | Buffer, key = "upload") =>
  detectFileKind({ key, head: Buffer.from(content).subarray(0, DETECT_HEAD_BYTES) });

const record = makeAssumedRoleRecord(1);
const finding = {
  schemaVersion: "2.0",
  accountId: "111122223333",
  region: "us-east-1",
  id: "f1",
  type: "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
  severity: 8,
  createdAt: "2024-03-05T12:00:00.000Z",
  updatedAt: "2024-03-05T12:00:00.000Z",
};
const pascalFinding = {
  SchemaVersion: "2.0",
  AccountId: "111122223333",
  Id: "f2",
  Type: "Recon:IAMUser/MaliciousIPCaller",
  Severity: 5,
};
const envelope = (detailType: string, detail: unknown) => ({
  version: "0",
  id: "e1",
  "detail-type": detailType,
  source: "aws.cloudtrail",
  time: "2024-03-05T12:00:00Z",
  detail,
});

describe("detectFileKind from content", () => {
  it("names a Records or Findings that is no array", () => {
    expect(detect('{"Records":"notalist"}').reason).toMatch(/^the first record is an object whose "Records" is a string, not an array of CloudTrail records; expected /);
    expect(detect('{"Findings":null}').reason).toMatch(/^the first record is an object whose "Findings" is null, not an array of GuardDuty findings; expected /);
  });

  it("recognises CloudTrail delivery files", () => {
    expect(detect(JSON.stringify({ Records: [record] }))).toEqual({
      kind: "cloudtrail",
      reason: "content: a Records array of CloudTrail records (eventVersion, eventID)",
    });
    expect(detect('{"Records":[]}').kind).toBe("cloudtrail");
  });

  it("recognises a delivery file whose first record misses eventTime", () => {
    const { eventTime: _dropped, ...withoutTime } = makeAssumedRoleRecord(3);
    expect(detect(JSON.stringify({ Records: [withoutTime, record] })).kind).toBe("cloudtrail");
    expect(detect(JSON.stringify({ Records: [withoutTime] })).kind).toBe("cloudtrail");
    expect(detect(JSON.stringify({ Records: [{ note: "not a record" }, record] })).kind).toBe("cloudtrail");
  });

  it("recognises JSON Lines whose first line is not a record", () => {
    expect(detect(`{"note":"export"}\n${JSON.stringify(record)}\n${JSON.stringify(record)}\n`)).toEqual({
      kind: "cloudtrail",
      reason: "content: CloudTrail records as JSON Lines",
    });
  });

  it("names invalid JSON before the first record", () => {
    const broken = `{"eventVersion": "1.09", "eventID": \n${JSON.stringify(record)}\n${JSON.stringify(record)}\n`;
    const result = detect(broken);
    expect(result.kind).toBe("unknown");
    expect(result.reason).toMatch(/^invalid JSON before the first record: expected ',' or '}' after the value of "eventID", found '\{' \(byte offset \d+, record index 0\); expected a CloudTrail delivery file/);
    const key = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/05/111122223333_CloudTrail_us-east-1_20240305T1205Z_Ab12Cd34Ef56Gh78.json";
    expect(detect(broken, key).kind).toBe("cloudtrail");
    expect(detect(`{"Records":[{"eventVersion":"1.09","eventID":"e1","eventTime":,}]}`).kind).toBe("cloudtrail");
  });

  it("recognises a delivery file whose first record is bigger than the head", () => {
    const big = makeAssumedRoleRecord(2, { requestParameters: { policy: "x".repeat(100_000) } });
    expect(detect(JSON.stringify({ Records: [big] })).kind).toBe("cloudtrail");
  });

  it("recognises bare arrays and JSON Lines of CloudTrail records", () => {
    expect(detect(JSON.stringify([record, record]))).toEqual({
      kind: "cloudtrail",
      reason: "content: CloudTrail records as a JSON array",
    });
    expect(detect(`${JSON.stringify(record)}\n${JSON.stringify(record)}\n`).reason).toBe(
      "content: CloudTrail records as JSON Lines",
    );
    expect(detect(JSON.stringify(record)).kind).toBe("cloudtrail");
  });

  it("recognises digest files by content or by key", () => {
    const digest = { awsAccountId: "111122223333", digestStartTime: "2024-03-05T11:00:00Z", digestPublicKeyFingerprint: "ab", logFiles: [] };
    expect(detect(JSON.stringify(digest)).kind).toBe("cloudtrail-digest");
    const key =
      "AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2024/03/05/111122223333_CloudTrail-Digest_us-east-1_t_us-east-1_20240305T120000Z.json.gz";
    expect(detect("", key)).toMatchObject({ kind: "cloudtrail-digest" });
  });

  it("recognises a digest larger than the head by its first keys", () => {
    const logFiles = Array.from({ length: 2000 }, (_, i) => ({ s3Bucket: "b", s3Object: `o${i}`, hashValue: "0".repeat(64) }));
    const digest = { awsAccountId: "111122223333", digestStartTime: "2024-03-05T11:00:00Z", digestPublicKeyFingerprint: "ab", logFiles };
    expect(detect(JSON.stringify(digest)).kind).toBe("cloudtrail-digest");
  });

  it("recognises EventBridge envelopes of CloudTrail records", () => {
    const one = envelope("AWS API Call via CloudTrail", record);
    expect(detect(JSON.stringify(one))).toEqual({
      kind: "cloudtrail-eventbridge",
      reason: 'content: EventBridge envelopes of CloudTrail records (detail-type "AWS API Call via CloudTrail")',
    });
    const signIn = envelope("AWS Console Sign In via CloudTrail", record);
    expect(detect(JSON.stringify([signIn, one])).kind).toBe("cloudtrail-eventbridge");
    expect(detect(`${JSON.stringify(signIn)}\n${JSON.stringify(one)}`).kind).toBe("cloudtrail-eventbridge");
  });

  it("recognises GuardDuty findings in all their shapes", () => {
    expect(detect(JSON.stringify({ Findings: [finding] })).reason).toBe("content: a Findings array of GuardDuty findings");
    expect(detect(JSON.stringify({ Findings: [pascalFinding] })).kind).toBe("guardduty");
    expect(detect(JSON.stringify(finding)).kind).toBe("guardduty");
    expect(detect(JSON.stringify(pascalFinding)).kind).toBe("guardduty");
    expect(detect(JSON.stringify(envelope("GuardDuty Finding", finding))).kind).toBe("guardduty");
    expect(detect(`${JSON.stringify(finding)}\n${JSON.stringify(finding)}\n`).kind).toBe("guardduty");
  });

  it("recognises VPC flow logs with a header or in the default format", () => {
    const header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n";
    const line = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n";
    const nodata = "2 123456789010 eni-1235b8ca123456789 - - - - - - - 1431280876 1431280934 - NODATA\n";
    const skipdata = "2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA\n";
    expect(detect(header + line).reason).toBe(
      "content: a flow log header line of 14 field names (version account-id interface-id srcaddr ...)",
    );
    expect(detect(line + nodata + skipdata)).toEqual({
      kind: "vpcflow",
      reason: "content: flow log records in the default 14-field format (version 2)",
    });
  });

  it("recognises a CloudWatch Logs export of flow logs", () => {
    const line = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n";
    const exported = `2014-12-14T04:06:50.000Z ${line}2014-12-14T04:07:50Z ${line}`;
    expect(detect(exported)).toEqual({
      kind: "vpcflow",
      reason: "content: a CloudWatch Logs export of flow log records in the default 14-field format, each after its timestamp",
    });
    expect(detect(`2014-12-14T04:06:50.000Z ${line}not a flow line\n`).kind).toBe("unknown");
  });

  it("recognises IAM Access Advisor reports", () => {
    expect(detect(JSON.stringify({ JobStatus: "COMPLETED", ServicesLastAccessed: [] })).kind).toBe("accessAdvisor");
    expect(detect(JSON.stringify({ JobStatus: "COMPLETED", EntityDetailsList: [] })).kind).toBe("accessAdvisor");
    expect(detect(JSON.stringify({ AccessDetails: [], JobStatus: "COMPLETED" })).kind).toBe("accessAdvisor");
    expect(detect(JSON.stringify({ AccessDetails: [] })).kind).toBe("unknown");
  });

  it("explains what it expected when it does not recognise a file", () => {
    const result = detect('{"hello":"world"}');
    expect(result.kind).toBe("unknown");
    expect(result.reason).toMatch(/^the first record is an object with keys "hello"; expected a CloudTrail delivery file/);
    expect(result.reason).toContain("IAM Access Advisor report");
    expect(detect('{"JobId":"2eb6"}').reason).toContain("generate-service-last-accessed-details");
    expect(detect("hello world").reason).toMatch(/^the content is neither JSON nor flow log text \(it starts with "hello world"\)/);
    expect(detect(JSON.stringify({ Records: [{ eventVersion: "2.1", eventSource: "aws:s3", eventName: "ObjectCreated:Put" }] })).reason).toMatch(
      /^a Records array whose first element is an event notification from aws:s3/,
    );
    expect(detect(gzipSync("{}")).reason).toMatch(/^the content is still gzip-compressed/);
    expect(detect("").kind).toBe("unknown");
  });

  it("prefers content to the key", () => {
    const key = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/05/111122223333_CloudTrail_us-east-1_20240305T1200Z_x.json.gz";
    expect(detect(JSON.stringify({ Findings: [finding] }), key).kind).toBe("guardduty");
  });
});

const EXPECTED_BY_FOLDER: Record<string, string> = {
  cloudtrail: "cloudtrail",
  guardduty: "guardduty",
  vpcflow: "vpcflow",
  "access-advisor": "accessAdvisor",
};

describe.skipIf(!sharedExists("samples"))("detectFileKind on shared/samples", () => {
  it("routes every sample file to its source", () => {
    const results: Record<string, string> = {};
    for (const file of listFiles(sharedPath("samples")).filter((f) => !f.endsWith(".md"))) {
      const head = readFileSync(file).subarray(0, DETECT_HEAD_BYTES);
      const name = relative(sharedPath("samples"), file);
      results[name] = detectFileKind({ key: file, head }).kind;
    }
    for (const [name, kind] of Object.entries(results)) {
      const folder = name.split("/")[0];
      // Panther rule tests wrap each record in a test case: not an AWS format.
      const expected = name.includes("panther-rule-tests") || name.includes("generate-service-last-accessed")
        ? "unknown"
        : EXPECTED_BY_FOLDER[folder];
      expect(kind, name).toBe(expected);
    }
    expect(Object.keys(results).length).toBeGreaterThan(50);
  });
});
