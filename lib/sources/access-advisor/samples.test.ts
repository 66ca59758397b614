import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";

import { listFiles, sharedExists, sharedPath } from "@/lib/sources/common/shared-folder";
import { normalizeAccessAdvisor } from "./normalize-access-advisor";
import type { AccessAdvisorReport } from "./types";

const DIR = sharedPath("samples", "access-advisor");
/** The CLI examples were run for this user; AWS does not print it, so the test passes it. */
const PRINCIPAL = "arn:aws:iam::123456789012:user/admin";

describe.skipIf(!sharedExists("samples", "access-advisor"))("access advisor samples", () => {
  const results = new Map(
    listFiles(DIR).map((file) => {
      const text = readFileSync(file, "utf8");
      return [
        relative(DIR, file),
        normalizeAccessAdvisor({ value: JSON.parse(text), raw: text, principalArn: PRINCIPAL }),
      ];
    }),
  );
  const reportOf = (name: string): AccessAdvisorReport => {
    const result = results.get(name);
    if (!result || !("report" in result)) {
      throw new Error(
        `${name}: ${result && "rejection" in result ? result.rejection.reason : "missing"}`,
      );
    }
    return result.report;
  };

  it("rejects only the generate-… job ids, each with the command to run", () => {
    const rejected = [...results].flatMap(([name, r]) =>
      "rejection" in r ? [[name, r.rejection.reason]] : [],
    );
    expect(rejected.map(([name]) => name).sort()).toEqual([
      "aws-cli-examples/generate-service-last-accessed-details.example1.output.json",
      "aws-cli-examples/generate-service-last-accessed-details.example2-AdministratorAccess.output.json",
    ]);
    for (const [, reason] of rejected) {
      expect(reason).toMatch(/run 'aws iam get-service-last-accessed-details --job-id [0-9a-z-]+'/);
    }
  });

  it("reads the service-level CLI example", () => {
    const r = reportOf("aws-cli-examples/get-service-last-accessed-details.output.json");
    expect(r).toMatchObject({
      principalArn: PRINCIPAL,
      granularity: "SERVICE_LEVEL",
      jobCompletionDate: null,
    });
    expect(r.services).toMatchObject([
      {
        serviceNamespace: "lambda",
        totalAuthenticatedEntities: 6,
        lastAuthenticatedEntity: PRINCIPAL,
        neverUsed: false,
      },
    ]);
    expect(r.services[0].lastAuthenticated?.toISOString()).toBe("2019-09-30T23:02:00.000Z");
  });

  it("reads the with-entities CLI example", () => {
    const r = reportOf(
      "aws-cli-examples/get-service-last-accessed-details-with-entities.output.json",
    );
    expect(r.jobCompletionDate?.toISOString()).toBe("2019-10-01T03:55:42.533Z");
    expect(r.entities.map((e) => [e.arn, e.type, e.lastAuthenticated?.toISOString()])).toEqual([
      ["arn:aws:iam::123456789012:user/admin", "USER", "2019-09-30T23:02:00.000Z"],
      ["arn:aws:iam::123456789012:user/developer", "USER", "2019-09-16T19:34:00.000Z"],
    ]);
  });

  it("marks the never-accessed EC2 of the IAM user guide scenario", () => {
    const r = reportOf("awsdocs-iam-user-guide/example-scenario-ServicesLastAccessed.json");
    expect(
      r.services.map((s) => [
        s.serviceNamespace,
        s.neverUsed,
        s.lastAuthenticated?.toISOString() ?? null,
      ]),
    ).toEqual([
      ["dynamodb", false, "2018-11-01T21:24:33.222Z"],
      ["ec2", true, null],
      ["s3", false, "2018-08-25T15:29:51.156Z"],
    ]);
  });

  it("reads the Organizations access report", () => {
    const r = reportOf("aws-sdk-js-v3/get-organizations-access-report.ou.output.json");
    expect(r.kind).toBe("organizations-access-report");
    expect(r.services.map((s) => [s.serviceNamespace, s.region, s.neverUsed])).toEqual([
      ["dynamodb", "us-east-1", false],
      ["iam", "us-east-1", false],
      ["s3", null, true],
    ]);
    expect(r.services[0].entityPath).toBe(
      "o-a1b2c3d4e5/r-f6g7h8i9j0example/ou-1a2b3c-k9l8m7n6o5example/111122223333",
    );
  });
});
