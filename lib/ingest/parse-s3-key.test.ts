import { describe, expect, it } from "vitest";

import { parseS3Key } from "@/lib/ingest/parse-s3-key";

describe("parseS3Key", () => {
  it("reads an organization-trail log key", () => {
    const key =
      "AWSLogs/o-exampleorg1/111122223333/CloudTrail/us-east-1/2024/03/05/" +
      "111122223333_CloudTrail_us-east-1_20240305T1200Z_Ab12Cd34Ef56Gh78.json.gz";
    expect(parseS3Key(key)).toEqual({
      kind: "cloudtrail",
      orgId: "o-exampleorg1",
      accountId: "111122223333",
      region: "us-east-1",
      slot: new Date("2024-03-05T12:00:00Z"),
      day: "2024-03-05",
      prefix: null,
      bucket: null,
      fileName: "111122223333_CloudTrail_us-east-1_20240305T1200Z_Ab12Cd34Ef56Gh78.json.gz",
    });
  });

  it("reads another member account of the same organization trail", () => {
    const info = parseS3Key(
      "s3://org-trail-bucket/AWSLogs/o-exampleorg1/444455556666/CloudTrail/eu-west-1/2024/03/05/" +
        "444455556666_CloudTrail_eu-west-1_20240305T1205Z_Zz99Yy88Xx77Ww66.json.gz",
    );
    expect(info).toMatchObject({
      kind: "cloudtrail",
      orgId: "o-exampleorg1",
      accountId: "444455556666",
      region: "eu-west-1",
      slot: new Date("2024-03-05T12:05:00Z"),
      bucket: "org-trail-bucket",
      prefix: null,
    });
  });

  it("reads a digest key in an organization trail", () => {
    const info = parseS3Key(
      "AWSLogs/o-exampleorg1/111122223333/CloudTrail-Digest/us-east-1/2024/03/05/" +
        "111122223333_CloudTrail-Digest_us-east-1_org-trail_us-east-1_20240305T123456Z.json.gz",
    );
    expect(info).toMatchObject({
      kind: "cloudtrail-digest",
      orgId: "o-exampleorg1",
      accountId: "111122223333",
      region: "us-east-1",
      slot: new Date("2024-03-05T12:34:56Z"),
    });
  });

  it("reads an account trail under a custom prefix", () => {
    const info = parseS3Key(
      "security/AWSLogs/111122223333/CloudTrail/ap-southeast-2/2023/12/31/" +
        "111122223333_CloudTrail_ap-southeast-2_20231231T2355Z_q1w2e3r4t5y6u7i8.json.gz",
    );
    expect(info).toMatchObject({
      kind: "cloudtrail",
      orgId: null,
      accountId: "111122223333",
      region: "ap-southeast-2",
      slot: new Date("2023-12-31T23:55:00Z"),
      prefix: "security",
    });
  });

  it("reads a local path with a deeper prefix", () => {
    const info = parseS3Key(
      "/data/exports/bucket/logs/AWSLogs/111122223333/CloudTrail-Insight/us-west-2/2024/01/02/" +
        "111122223333_CloudTrail-Insight_us-west-2_20240102T0300Z_abc.json.gz",
    );
    expect(info).toMatchObject({
      kind: "cloudtrail-insight",
      prefix: "/data/exports/bucket/logs",
      slot: new Date("2024-01-02T03:00:00Z"),
    });
  });

  it("reads VPC Flow Logs keys, hourly partitions included", () => {
    const name = "111122223333_vpcflowlogs_us-east-1_fl-1234abcd_20240305T1210Z_fe123456.log.gz";
    const daily = parseS3Key(`AWSLogs/111122223333/vpcflowlogs/us-east-1/2024/03/05/${name}`);
    expect(daily).toMatchObject({ kind: "vpcflow", slot: new Date("2024-03-05T12:10:00Z") });
    const hourly = parseS3Key(`flows/AWSLogs/111122223333/vpcflowlogs/us-east-1/2024/03/05/12/${name}`);
    expect(hourly).toMatchObject({ kind: "vpcflow", prefix: "flows", day: "2024-03-05" });
  });

  it("reads a GuardDuty export key, which has no slot in its name", () => {
    const info = parseS3Key(
      "AWSLogs/111122223333/GuardDuty/us-east-1/2024/03/05/1f2e3d4c-5b6a-7980-a1b2-c3d4e5f60718.jsonl.gz",
    );
    expect(info).toMatchObject({ kind: "guardduty", accountId: "111122223333", slot: null });
  });

  it("never takes an account id from the organization segment", () => {
    expect(parseS3Key("AWSLogs/o-exampleorg1/CloudTrail/us-east-1/2024/03/05/x.json.gz")).toBeNull();
    expect(parseS3Key("AWSLogs/o-123456789012/CloudTrail/us-east-1/2024/03/05/x.json.gz")).toBeNull();
  });

  it("returns null for keys that do not follow the layout", () => {
    const bad = [
      "",
      "trail.json.gz",
      "AWSLogs/11112222333/CloudTrail/us-east-1/2024/03/05/x.json.gz",
      "AWSLogs/111122223333/Config/us-east-1/2024/03/05/x.json.gz",
      "AWSLogs/111122223333/CloudTrail/us-east-1/2024/02/30/x.json.gz",
      "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/x.json.gz",
      "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/05/",
      "AWSLogs/o-short/111122223333/CloudTrail/us-east-1/2024/03/05/x.json.gz",
      "AWSLogs/111122223333/CloudTrail/US_EAST/2024/03/05/x.json.gz",
    ];
    for (const key of bad) {
      expect(parseS3Key(key), key).toBeNull();
    }
  });

  it("accepts Windows separators and leaves slot null on an odd name", () => {
    const info = parseS3Key("C:\\logs\\AWSLogs\\111122223333\\CloudTrail\\us-east-1\\2024\\03\\05\\manual-copy.json");
    expect(info).toMatchObject({ kind: "cloudtrail", slot: null, prefix: "C:/logs" });
  });
});
