import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import {
  generateIntoTempDir,
  readCloudTrailObjects,
  readObject,
  uniqueRecords,
  type DemoOutput,
  type JsonRecord,
} from "./__fixtures__/demo-output";
import {
  ADMINISTRATOR_ACCESS_ARN,
  ATTACK,
  ATTACKER,
  ATTACKER_SSH_PROBES,
  BREAK_GLASS_GRANT,
  CONTAINMENT,
  DEMO_TRAIL,
  GUARDDUTY_FINDING,
  OFFICE_NETWORK,
  REPORTS_SVC,
  VPC,
} from "./scenario";

let output: DemoOutput;
let records: JsonRecord[];

beforeAll(async () => {
  output = await generateIntoTempDir();
  records = uniqueRecords(await readCloudTrailObjects(output));
});

afterAll(async () => {
  await output?.remove();
});

function recordsNamed(eventName: string, eventTime: string): JsonRecord[] {
  return records.filter((record) => record.eventName === eventName && record.eventTime === eventTime);
}

function onlyRecord(eventName: string, eventTime: string): JsonRecord {
  const found = recordsNamed(eventName, eventTime);
  expect(found, `${eventName} at ${eventTime}`).toHaveLength(1);
  return found[0];
}

describe("attack events", () => {
  for (const [stepName, step] of Object.entries(ATTACK.steps)) {
    it(`${stepName} has the scenario's caller`, () => {
      const record = onlyRecord(step.eventName, step.eventTime);
      expect(record.eventSource).toBe(step.eventSource);
      expect(record.awsRegion).toBe(step.region);
      expect(record.sourceIPAddress).toBe(ATTACKER.ip);
      expect(record.userAgent).toBe(step.userAgent);
      expect(record.userIdentity.type).toBe("IAMUser");
      expect(record.userIdentity.arn).toBe(REPORTS_SVC.arn);
      expect(record.userIdentity.userName).toBe(REPORTS_SVC.userName);
      expect(record.userIdentity.accessKeyId).toBe(step.accessKeyId);
      expect(record.errorCode ?? null).toBe(step.errorCode);
    });
  }

  it("starts with GetCallerIdentity from the attacker", () => {
    const fromAttacker = records
      .filter((record) => record.sourceIPAddress === ATTACKER.ip)
      .sort((left, right) => left.eventTime.localeCompare(right.eventTime));
    expect(fromAttacker[0].eventName).toBe("GetCallerIdentity");
    expect(fromAttacker[0].eventTime).toBe("2026-11-17T02:14:05Z");
  });

  it("makes only the five attack calls from the attacker", () => {
    expect(records.filter((record) => record.sourceIPAddress === ATTACKER.ip)).toHaveLength(5);
  });

  it("creates key #2 for reports-svc", () => {
    const record = onlyRecord("CreateAccessKey", ATTACK.steps.createAccessKey.eventTime);
    expect(record.requestParameters).toEqual({ userName: "reports-svc" });
    expect(record.responseElements.accessKey.accessKeyId).toBe(ATTACK.createdAccessKeyId);
    expect(record.responseElements.accessKey.status).toBe("Active");
    expect(record.responseElements.accessKey.userName).toBe("reports-svc");
    expect(record.responseElements.accessKey.createDate).toBe("Nov 17, 2026 2:16:31 AM");
  });

  it("attaches AdministratorAccess with key #2", () => {
    const record = onlyRecord("AttachUserPolicy", ATTACK.steps.attachUserPolicy.eventTime);
    expect(record.requestParameters).toEqual({
      userName: "reports-svc",
      policyArn: ADMINISTRATOR_ACCESS_ARN,
    });
    expect(record.userIdentity.accessKeyId).toBe(ATTACK.createdAccessKeyId);
  });

  it("fails to stop the trail", () => {
    const record = onlyRecord("StopLogging", ATTACK.steps.stopLogging.eventTime);
    expect(record.requestParameters).toEqual({ name: DEMO_TRAIL.arn });
    expect(record.errorCode).toBe("AccessDenied");
    expect(record.errorMessage).toContain("explicit deny in a service control policy");
  });

  it("logs IAM calls in us-east-1", () => {
    const iamCalls = records.filter((record) => record.eventSource === "iam.amazonaws.com");
    expect(iamCalls.every((record) => record.awsRegion === "us-east-1")).toBe(true);
  });

  it("never saw the attacker's user agent before", () => {
    const agents = new Set(Object.values(ATTACK.steps).map((step) => step.userAgent));
    const earlier = records.filter(
      (record) => agents.has(record.userAgent) && record.eventTime < ATTACK.firstEventTime,
    );
    expect(earlier).toEqual([]);
  });
});

describe("containment", () => {
  it("signs bob in with MFA from the office", () => {
    const login = onlyRecord("ConsoleLogin", CONTAINMENT.consoleLoginTime);
    expect(login.userIdentity.userName).toBe("bob.secops");
    expect(login.sourceIPAddress).toBe(CONTAINMENT.sourceIPAddress);
    expect(login.additionalEventData.MFAUsed).toBe("Yes");
    expect(login.responseElements).toEqual({ ConsoleLogin: "Success" });
    expect(login.eventType).toBe("AwsConsoleSignIn");
  });

  it.each([
    [CONTAINMENT.deactivateStolenKeyTime, ATTACK.stolenAccessKeyId],
    [CONTAINMENT.deactivateCreatedKeyTime, ATTACK.createdAccessKeyId],
  ])("deactivates a key at %s", (time, accessKeyId) => {
    const record = onlyRecord("UpdateAccessKey", time);
    expect(record.requestParameters).toEqual({
      userName: "reports-svc",
      accessKeyId,
      status: "Inactive",
    });
    expect(record.userIdentity.userName).toBe("bob.secops");
    expect(record.userIdentity.accessKeyId).toBe(CONTAINMENT.sessionAccessKeyId);
    expect(record.sourceIPAddress).toBe(CONTAINMENT.sourceIPAddress);
    expect(record.sessionCredentialFromConsole).toBe("true");
  });

  it("detaches AdministratorAccess from reports-svc", () => {
    const record = onlyRecord("DetachUserPolicy", CONTAINMENT.detachPolicyTime);
    expect(record.requestParameters).toEqual({
      userName: "reports-svc",
      policyArn: ADMINISTRATOR_ACCESS_ARN,
    });
    expect(record.userIdentity.userName).toBe("bob.secops");
  });

  it("stops reports-svc activity after deactivation", () => {
    const later = records.filter(
      (record) =>
        record.userIdentity.userName === "reports-svc" &&
        record.eventTime > CONTAINMENT.deactivateStolenKeyTime,
    );
    expect(later).toEqual([]);
  });
});

describe("break-glass grant", () => {
  it("attaches AdministratorAccess to breakglass-admin", () => {
    const record = onlyRecord("AttachUserPolicy", BREAK_GLASS_GRANT.eventTime);
    expect(record.requestParameters).toEqual({
      userName: "breakglass-admin",
      policyArn: ADMINISTRATOR_ACCESS_ARN,
    });
  });

  it("comes from alice's console session at the office", () => {
    const record = onlyRecord("AttachUserPolicy", BREAK_GLASS_GRANT.eventTime);
    expect(record.userIdentity.userName).toBe("alice.admin");
    expect(record.userIdentity.accessKeyId).toBe(BREAK_GLASS_GRANT.sessionAccessKeyId);
    expect(record.userIdentity.sessionContext.attributes.mfaAuthenticated).toBe("true");
    expect(record.sourceIPAddress).toBe(BREAK_GLASS_GRANT.sourceIPAddress);
    expect(record.userAgent).toBe(BREAK_GLASS_GRANT.userAgent);
    expect(record.sessionCredentialFromConsole).toBe("true");
  });

  it("follows alice's sign-in for the session", () => {
    const login = onlyRecord("ConsoleLogin", BREAK_GLASS_GRANT.consoleLoginTime);
    expect(login.userIdentity.userName).toBe("alice.admin");
    expect(login.sourceIPAddress).toBe(BREAK_GLASS_GRANT.sourceIPAddress);
  });

  it("limits AdministratorAccess attachments to two", () => {
    const attachments = records.filter(
      (record) =>
        record.eventName === "AttachUserPolicy" &&
        record.requestParameters.policyArn === ADMINISTRATOR_ACCESS_ARN,
    );
    expect(attachments.map((record) => record.eventTime).sort()).toEqual([
      ATTACK.steps.attachUserPolicy.eventTime,
      BREAK_GLASS_GRANT.eventTime,
    ]);
  });
});

describe("ordinary activity", () => {
  it("mixes identity types", () => {
    const types = new Set(records.map((record) => record.userIdentity.type));
    expect([...types].sort()).toEqual(["AWSService", "AssumedRole", "IAMUser"]);
  });

  it("reads reports from the office only", () => {
    const reads = records.filter(
      (record) =>
        record.userIdentity.userName === "reports-svc" &&
        record.eventTime < ATTACK.firstEventTime &&
        !record.userIdentity.invokedBy,
    );
    expect(reads.length).toBeGreaterThan(500);
    const addresses = new Set(reads.map((record) => record.sourceIPAddress));
    expect([...addresses].sort()).toEqual([...OFFICE_NETWORK.addresses].sort());
  });

  it("has calls made by services for a principal", () => {
    const invoked = records.filter((record) => record.userIdentity.invokedBy);
    const services = new Set(invoked.map((record) => record.userIdentity.invokedBy));
    expect([...services].sort()).toEqual([
      "athena.amazonaws.com",
      "cloudformation.amazonaws.com",
      "lambda.amazonaws.com",
    ]);
  });

  it("logs the CloudTrail record fields", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const record of records) {
      expect(["1.08", "1.09"], record.eventID).toContain(record.eventVersion);
      expect(record.eventID).toMatch(uuid);
      expect(record.eventTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(record.recipientAccountId).toBe("111122223333");
      expect(["Management", "Data"]).toContain(record.eventCategory);
      expect(typeof record.readOnly).toBe("boolean");
    }
  });

  it("gives every event a distinct id", () => {
    const ids = new Set(records.map((record) => record.eventID));
    expect(ids.size).toBe(records.length);
  });
});

describe("GuardDuty files", () => {
  async function exportedFindings(): Promise<JsonRecord[]> {
    const key = output.keys.find((item) => item.includes("/GuardDuty/"))!;
    const lines = gunzipSync(await readObject(output, key)).toString("utf8").trim().split("\n");
    return lines.map((line) => JSON.parse(line));
  }

  async function printedFindings(): Promise<JsonRecord[]> {
    const text = (await readObject(output, "guardduty/get-findings.json")).toString("utf8");
    return JSON.parse(text).Findings;
  }

  it("export one finding per line", async () => {
    expect(await exportedFindings()).toHaveLength(1);
  });

  it("name reports-svc's stolen key", async () => {
    const [finding] = await exportedFindings();
    expect(finding.type).toBe(GUARDDUTY_FINDING.type);
    expect(finding.severity).toBe(5);
    expect(finding.resource.accessKeyDetails).toEqual({
      accessKeyId: ATTACK.stolenAccessKeyId,
      principalId: REPORTS_SVC.principalId,
      userName: "reports-svc",
      userType: "IAMUser",
    });
  });

  it("carry the remote address details", async () => {
    const [finding] = await exportedFindings();
    const remote = finding.service.action.awsApiCallAction.remoteIpDetails;
    expect(remote.ipAddressV4).toBe(ATTACKER.ip);
    expect(remote.country.countryName).toBe("Netherlands");
    expect(remote.organization.asn).toBe(ATTACKER.asn);
  });

  it("time the finding from the first call", async () => {
    const [finding] = await exportedFindings();
    expect(finding.service.eventFirstSeen).toBe("2026-11-17T02:14:05Z");
    expect(finding.createdAt).toBe("2026-11-17T02:14:40.512Z");
  });

  it("share one id between export and get-findings", async () => {
    const [exported] = await exportedFindings();
    const [printed] = await printedFindings();
    expect(printed.Id).toBe(exported.id);
  });

  it("export a later version than get-findings", async () => {
    const [exported] = await exportedFindings();
    const [printed] = await printedFindings();
    expect(Date.parse(exported.updatedAt)).toBeGreaterThan(Date.parse(printed.UpdatedAt));
    expect(exported.service.count).toBeGreaterThan(printed.Service.Count);
  });
});

describe("VPC flow log files", () => {
  const HEADER =
    "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status";

  async function readLines(): Promise<string[][]> {
    const files = [];
    for (const key of output.keys.filter((item) => item.includes("/vpcflowlogs/"))) {
      files.push(gunzipSync(await readObject(output, key)).toString("utf8").trimEnd().split("\n"));
    }
    return files;
  }

  it("start with the default header", async () => {
    for (const lines of await readLines()) {
      expect(lines[0]).toBe(HEADER);
    }
  });

  it("write fourteen fields per record", async () => {
    for (const lines of await readLines()) {
      for (const line of lines.slice(1)) {
        expect(line.split(" "), line).toHaveLength(14);
      }
    }
  });

  it("include NODATA records", async () => {
    const lines = (await readLines()).flat();
    expect(lines.some((line) => line.endsWith(" - NODATA"))).toBe(true);
  });

  it("reject the attacker's SSH probes", async () => {
    const probes = (await readLines())
      .flat()
      .filter((line) => line.includes(` ${ATTACKER.ip} `))
      .map((line) => line.split(" "));
    expect(probes).toHaveLength(ATTACKER_SSH_PROBES.length);
    for (const fields of probes) {
      expect(fields[2]).toBe(VPC.webServer.interfaceId);
      expect(fields[4]).toBe(VPC.webServer.privateIp);
      expect(fields[6]).toBe("22");
      expect(fields[12]).toBe("REJECT");
    }
  });
});

describe("Access Advisor reports", () => {
  async function readReport(userName: string): Promise<JsonRecord> {
    return JSON.parse((await readObject(output, `access-advisor/${userName}.json`)).toString("utf8"));
  }

  it("describe a completed service-level job", async () => {
    const report = await readReport("reports-svc");
    expect(report.Arn).toBe(REPORTS_SVC.arn);
    expect(report.JobStatus).toBe("COMPLETED");
    expect(report.JobType).toBe("SERVICE_LEVEL");
    expect(report.IsTruncated).toBe(false);
  });

  it("date reports-svc's S3 use to the attacker's ListBuckets", async () => {
    const report = await readReport("reports-svc");
    const s3 = report.ServicesLastAccessed.find((entry: JsonRecord) => entry.ServiceNamespace === "s3");
    expect(s3.LastAuthenticated).toBe(ATTACK.steps.listBuckets.eventTime);
  });

  it("leave never-used services without a time", async () => {
    const report = await readReport("reports-svc");
    const glue = report.ServicesLastAccessed.find((entry: JsonRecord) => entry.ServiceNamespace === "glue");
    expect(glue).toEqual({
      ServiceName: "AWS Glue",
      ServiceNamespace: "glue",
      TotalAuthenticatedEntities: 0,
    });
  });

  it("show ci-deploy's recent Lambda use", async () => {
    const report = await readReport("ci-deploy");
    const lambda = report.ServicesLastAccessed.find(
      (entry: JsonRecord) => entry.ServiceNamespace === "lambda",
    );
    expect(lambda.LastAuthenticated.startsWith("2026-11-20T")).toBe(true);
  });
});
