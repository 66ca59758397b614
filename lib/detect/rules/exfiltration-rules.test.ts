import { describe, expect, it } from "vitest";

import { useTestDatabase } from "@/tests/helpers/test-database";

import { FIXTURE_ACCOUNT } from "../__fixtures__/cloudtrail-records";
import { callBy, detectRecords } from "../__fixtures__/detect-records";
import { seedUserHistory, signalsOf } from "../__fixtures__/seed-user-history";

useTestDatabase();

const RULE = "resource-shared-outside-account";
const OUTSIDE = "846424999548";

function bucketPolicy(principal: unknown, condition?: unknown): Record<string, unknown> {
  const statement: Record<string, unknown> = { Effect: "Allow", Principal: principal, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
  if (condition !== undefined) {
    statement.Condition = condition;
  }
  return { Version: "2012-10-17", Statement: [statement] };
}

describe("shared outside the account", () => {
  it("flags an EBS snapshot shared with another account", async () => {
    const { office, principalKey } = await seedUserHistory("abel");
    await detectRecords([
      callBy(office, "ModifySnapshotAttribute", {
        eventSource: "ec2.amazonaws.com",
        requestParameters: { snapshotId: "snap-1", attributeType: "CREATE_VOLUME_PERMISSION", createVolumePermission: { add: { items: [{ userId: OUTSIDE }] } } },
      }),
    ]);
    const [signal] = await signalsOf(RULE, principalKey);
    expect(signal?.title).toBe(`EBS snapshot snap-1 shared with account ${OUTSIDE}`);
    expect(signal?.phase).toBe("exfiltration");
  });

  it("flags a public AMI", async () => {
    const { office, principalKey } = await seedUserHistory("bea");
    await detectRecords([
      callBy(office, "ModifyImageAttribute", {
        eventSource: "ec2.amazonaws.com",
        requestParameters: { imageId: "ami-1", launchPermission: { add: { items: [{ group: "all" }] } } },
      }),
    ]);
    const [signal] = await signalsOf(RULE, principalKey);
    expect(signal?.severity).toBe("critical");
  });

  it("flags an RDS snapshot restore grant", async () => {
    const { office, principalKey } = await seedUserHistory("cyd");
    await detectRecords([
      callBy(office, "ModifyDBSnapshotAttribute", {
        eventSource: "rds.amazonaws.com",
        requestParameters: { dBSnapshotIdentifier: "db1", attributeName: "restore", valuesToAdd: [OUTSIDE] },
      }),
    ]);
    expect((await signalsOf(RULE, principalKey)).map((signal) => signal.score)).toEqual([30]);
  });

  it("flags a public bucket policy", async () => {
    const { office, principalKey } = await seedUserHistory("dex");
    await detectRecords([
      callBy(office, "PutBucketPolicy", { eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "b", bucketPolicy: bucketPolicy("*") } }),
    ]);
    expect((await signalsOf(RULE, principalKey)).map((signal) => signal.title)).toEqual(["bucket b shared with everyone"]);
  });

  it("flags a public-read ACL", async () => {
    const { office, principalKey } = await seedUserHistory("eve");
    await detectRecords([
      callBy(office, "PutBucketAcl", {
        eventSource: "s3.amazonaws.com",
        requestParameters: {
          bucketName: "b",
          AccessControlPolicy: {
            AccessControlList: { Grant: [{ Grantee: { URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }] },
          },
        },
      }),
    ]);
    expect(await signalsOf(RULE, principalKey)).toHaveLength(1);
  });

  it("ignores sharing within the account", async () => {
    const { office, principalKey } = await seedUserHistory("fay");
    await detectRecords([
      callBy(office, "ModifySnapshotAttribute", {
        eventSource: "ec2.amazonaws.com",
        requestParameters: { snapshotId: "snap-2", createVolumePermission: { add: { items: [{ userId: FIXTURE_ACCOUNT }] } } },
      }),
    ]);
    expect(await signalsOf(RULE, principalKey)).toEqual([]);
  });

  it("ignores a public policy narrowed by a condition", async () => {
    const { office, principalKey } = await seedUserHistory("gus");
    const policy = bucketPolicy("*", { StringEquals: { "aws:SourceVpce": "vpce-1" } });
    await detectRecords([callBy(office, "PutBucketPolicy", { eventSource: "s3.amazonaws.com", requestParameters: { bucketName: "b", bucketPolicy: policy } })]);
    expect(await signalsOf(RULE, principalKey)).toEqual([]);
  });
});
