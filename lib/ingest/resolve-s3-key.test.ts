import { describe, expect, it } from "vitest";

import { awsLogsSuffix, resolveS3Key } from "./resolve-s3-key";

const TAIL = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/03/05/111122223333_CloudTrail_us-east-1_20240305T1205Z_Ab12Cd34Ef56Gh78.json.gz";

describe("resolveS3Key", () => {
  it("starts a local path at AWSLogs", () => {
    expect(resolveS3Key({ hint: `/data/copy/security/${TAIL}`, isBucketKey: false })).toBe(TAIL);
  });

  it("keeps the prefix of a bucket key", () => {
    expect(resolveS3Key({ hint: `security/${TAIL}`, isBucketKey: true })).toBe(`security/${TAIL}`);
  });

  it("drops the bucket of an s3 URL", () => {
    expect(resolveS3Key({ hint: `s3://audit-logs/security/${TAIL}`, isBucketKey: true })).toBe(`security/${TAIL}`);
  });

  it("keeps an organization trail's org folder", () => {
    const org = TAIL.replace("AWSLogs/", "AWSLogs/o-aa11bb22cc/");
    expect(resolveS3Key({ hint: `/tmp/${org}`, isBucketKey: false })).toBe(org);
  });

  it("returns null outside the AWS layout", () => {
    expect(resolveS3Key({ hint: "/tmp/export.json", isBucketKey: false })).toBeNull();
  });
});

describe("awsLogsSuffix", () => {
  it("cuts at the first AWSLogs folder", () => {
    expect(awsLogsSuffix(`x/myAWSLogs/y/${TAIL}`)).toBe(TAIL);
  });
});
