import { describe, expect, it } from "vitest";

import {
  normalizeAccessAdvisor,
  type NormalizeAccessAdvisorInput,
} from "./normalize-access-advisor";
import type { AccessAdvisorReport } from "./types";

const ROLE = "arn:aws:iam::111122223333:role/app-server-role";

function report(input: NormalizeAccessAdvisorInput): AccessAdvisorReport {
  const result = normalizeAccessAdvisor(input);
  if (!("report" in result)) {
    throw new Error(`rejected: ${result.rejection.reason}`);
  }
  return result.report;
}

function rejection(input: NormalizeAccessAdvisorInput) {
  const result = normalizeAccessAdvisor(input);
  if (!("rejection" in result)) {
    throw new Error("expected a rejection");
  }
  return result.rejection;
}

const actionLevel = {
  Arn: ROLE,
  JobStatus: "COMPLETED",
  JobType: "ACTION_LEVEL",
  JobCreationDate: "2024-06-14T09:00:00.120Z",
  JobCompletionDate: "2024-06-14T09:00:03.480Z",
  ServicesLastAccessed: [
    {
      ServiceName: "Amazon S3",
      ServiceNamespace: "s3",
      LastAuthenticated: "2024-06-12T10:05:00Z",
      LastAuthenticatedEntity: ROLE,
      LastAuthenticatedRegion: "us-east-1",
      TotalAuthenticatedEntities: 1,
      TrackedActionsLastAccessed: [
        {
          ActionName: "ListAllMyBuckets",
          LastAccessedEntity: ROLE,
          LastAccessedRegion: "us-east-1",
          LastAccessedTime: "2024-06-12T10:05:00Z",
        },
        { ActionName: "PutBucketPolicy" },
      ],
    },
    {
      ServiceName: "AWS Secrets Manager",
      ServiceNamespace: "secretsmanager",
      TotalAuthenticatedEntities: 0,
    },
  ],
  IsTruncated: false,
};

describe("normalizeAccessAdvisor: get-service-last-accessed-details", () => {
  it("reads an action-level report whose principal is saved beside the output", () => {
    const r = report({ value: actionLevel });
    expect(r).toMatchObject({
      kind: "service-last-accessed",
      principalArn: ROLE,
      jobStatus: "COMPLETED",
      granularity: "ACTION_LEVEL",
      truncated: false,
      entities: [],
    });
    expect(r.jobCompletionDate?.toISOString()).toBe("2024-06-14T09:00:03.480Z");
    const [s3, secrets] = r.services;
    expect(s3).toMatchObject({
      serviceNamespace: "s3",
      serviceName: "Amazon S3",
      lastAuthenticatedEntity: ROLE,
      region: "us-east-1",
      totalAuthenticatedEntities: 1,
      neverUsed: false,
      entityPath: null,
    });
    expect(s3.lastAuthenticated?.toISOString()).toBe("2024-06-12T10:05:00.000Z");
    expect(s3.actions).toEqual([
      {
        actionName: "ListAllMyBuckets",
        lastAccessed: new Date("2024-06-12T10:05:00Z"),
        lastAccessedEntity: ROLE,
        region: "us-east-1",
        neverUsed: false,
      },
      {
        actionName: "PutBucketPolicy",
        lastAccessed: null,
        lastAccessedEntity: null,
        region: null,
        neverUsed: true,
      },
    ]);
    expect(secrets).toMatchObject({
      serviceNamespace: "secretsmanager",
      lastAuthenticated: null,
      neverUsed: true,
    });
  });

  it("takes the principal from the --principal option and infers SERVICE_LEVEL", () => {
    const { Arn: _arn, JobType: _type, ...output } = actionLevel;
    const services = output.ServicesLastAccessed.map(
      ({ TrackedActionsLastAccessed: _a, ...s }) => s,
    );
    const r = report({ value: { ...output, ServicesLastAccessed: services }, principalArn: ROLE });
    expect(r.principalArn).toBe(ROLE);
    expect(r.granularity).toBe("SERVICE_LEVEL");
    expect(r.services.every((s) => s.actions.length === 0)).toBe(true);
  });

  it("rejects a report with no principal, saying to pass --principal", () => {
    const { Arn: _arn, ...output } = actionLevel;
    const r = rejection({ value: output, raw: "{}" });
    expect(r.field).toBe("Arn");
    expect(r.reason).toContain("pass --principal ARN");
    expect(r.raw?.toString()).toBe("{}");
  });

  it("never turns a missing or epoch-zero LastAuthenticated into 1970", () => {
    const r = report({
      value: {
        arn: ROLE,
        ServicesLastAccessed: [
          { ServiceNamespace: "ec2", TotalAuthenticatedEntities: 0 },
          { ServiceNamespace: "iam", LastAuthenticated: "1970-01-01T00:00:00Z" },
          { ServiceNamespace: "kms", LastAuthenticated: 0 },
        ],
      },
    });
    expect(r.services.map((s) => [s.serviceNamespace, s.lastAuthenticated, s.neverUsed])).toEqual([
      ["ec2", null, true],
      ["iam", null, true],
      ["kms", null, true],
    ]);
  });

  it("names the entry of an unreadable date or a missing namespace", () => {
    const badDate = rejection({
      value: { ServicesLastAccessed: [{ ServiceNamespace: "s3", LastAuthenticated: "soon" }] },
      principalArn: ROLE,
    });
    expect(badDate.field).toBe("ServicesLastAccessed[0].LastAuthenticated");
    expect(badDate.reason).toBe(
      "ServicesLastAccessed[0].LastAuthenticated: unreadable timestamp 'soon'",
    );
    const noNamespace = rejection({
      value: { ServicesLastAccessed: [{}, { ServiceName: "x" }] },
      principalArn: ROLE,
    });
    expect(noNamespace.field).toBe("ServicesLastAccessed[0].ServiceNamespace");
  });

  it("rejects a conflicting or malformed principal", () => {
    expect(
      rejection({ value: actionLevel, principalArn: "arn:aws:iam::111122223333:user/other" })
        .reason,
    ).toBe(`the file says ${ROLE} but --principal says arn:aws:iam::111122223333:user/other`);
    expect(rejection({ value: { ...actionLevel, Arn: "app-server-role" } }).reason).toContain(
      "is not the ARN",
    );
  });
});

describe("normalizeAccessAdvisor: other reports and non-reports", () => {
  it("reads a with-entities report without a principal", () => {
    const r = report({
      value: {
        JobStatus: "COMPLETED",
        JobCompletionDate: "2024-06-14T09:10:00Z",
        EntityDetailsList: [
          {
            EntityInfo: {
              Arn: ROLE,
              Name: "app-server-role",
              Type: "ROLE",
              Id: "AROAEXAMPLEROLEID001",
              Path: "/",
            },
            LastAuthenticated: "2024-06-12T10:05:00Z",
          },
          {
            EntityInfo: {
              Arn: "arn:aws:iam::111122223333:user/dormant",
              Name: "dormant",
              Type: "USER",
              Path: "/",
            },
          },
        ],
      },
      serviceNamespace: "s3",
    });
    expect(r).toMatchObject({
      kind: "service-last-accessed-with-entities",
      principalArn: null,
      serviceNamespace: "s3",
      services: [],
    });
    expect(r.entities.map((e) => [e.name, e.type, e.neverUsed])).toEqual([
      ["app-server-role", "ROLE", false],
      ["dormant", "USER", true],
    ]);
  });

  it("reads an Organizations access report with entity paths and regions", () => {
    const r = report({
      value: {
        AccessDetails: [
          {
            ServiceName: "AWS Identity and Access Management",
            ServiceNamespace: "iam",
            Region: "us-east-1",
            EntityPath: "o-exampleorg1/r-ab12/ou-ab12-cdefgh34/111122223333",
            LastAuthenticatedTime: "2024-06-10T08:00:00Z",
            TotalAuthenticatedEntities: 3,
          },
          { ServiceName: "Amazon EC2", ServiceNamespace: "ec2", TotalAuthenticatedEntities: 0 },
        ],
        IsTruncated: true,
        JobStatus: "COMPLETED",
      },
    });
    expect(r.kind).toBe("organizations-access-report");
    expect(r.truncated).toBe(true);
    expect(r.granularity).toBeNull();
    expect(
      r.services.map((s) => [s.serviceNamespace, s.region, s.entityPath, s.neverUsed]),
    ).toEqual([
      ["iam", "us-east-1", "o-exampleorg1/r-ab12/ou-ab12-cdefgh34/111122223333", false],
      ["ec2", null, null, true],
    ]);
  });

  it("explains a generate-… job id, an unfinished job and an unrelated document", () => {
    expect(
      rejection({ value: { JobId: "11112222-3333-4444-5555-666677778888" } }).reason,
    ).toContain(
      "aws iam get-service-last-accessed-details --job-id 11112222-3333-4444-5555-666677778888",
    );
    expect(
      rejection({ value: { JobStatus: "IN_PROGRESS", ServicesLastAccessed: [] } }).reason,
    ).toBe("the report job is IN_PROGRESS; import it once it is COMPLETED");
    expect(
      rejection({
        value: { JobStatus: "FAILED", Error: { Message: "Entity not found", Code: "x" } },
      }).reason,
    ).toBe("the report job is FAILED: Entity not found; import it once it is COMPLETED");
    expect(rejection({ value: { Records: [] } }).reason).toContain(
      "not an IAM last-accessed report",
    );
    expect(rejection({ value: [] }).field).toBeNull();
  });
});
