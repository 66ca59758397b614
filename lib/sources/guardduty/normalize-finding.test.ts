import { describe, expect, it } from "vitest";

import { extractFindings } from "./extract-findings";
import {
  eventBridgeEvent,
  pascalGetFindingsOutput,
  portProbeFinding,
  sampleFinding,
} from "./fixtures/findings";
import { normalizeGuardDutyFinding } from "./normalize-finding";
import { parseGuardDutyValue } from "./parse-guardduty-value";
import type { GuardDutyFinding } from "./types";

function normalized(value: unknown): GuardDutyFinding {
  const result = normalizeGuardDutyFinding({ value });
  if (!("finding" in result)) {
    throw new Error(`rejected: ${result.rejection.reason}`);
  }
  return result.finding;
}

describe("normalizeGuardDutyFinding: port probe with two remote actors", () => {
  const line = JSON.stringify(portProbeFinding());
  const items = parseGuardDutyValue({ value: JSON.parse(line), raw: line, startIndex: 7 });
  const item = items[0];
  const finding = item.type === "guardduty" ? item.finding : null;

  it("yields one finding keyed by its id, with the line's bytes", () => {
    expect(items).toHaveLength(1);
    expect(item.type === "guardduty" && item.index).toBe(7);
    expect(finding?.id).toBe("a1b2c3d4e5f60718293a4b5c6d7e8f90");
    expect(finding?.raw.toString("utf8")).toBe(line);
    expect(finding?.envelope).toBeNull();
  });

  it("extracts every portProbeDetails entry, not the first", () => {
    expect(finding?.remoteActors).toEqual([
      {
        ip: "203.0.113.10",
        asn: 64500,
        asnOrg: "Alpha-NET",
        isp: "Alpha ISP",
        org: "Alpha Org",
        country: "Alphaland",
        countryCode: "AL",
        city: "Alpha City",
        localPort: 22,
        remotePort: null,
        source: "portProbeAction.portProbeDetails[0]",
      },
      {
        ip: "203.0.113.20",
        asn: 64501,
        asnOrg: "Beta-NET",
        isp: "Beta ISP",
        org: "Beta Org",
        country: "Betaland",
        countryCode: "BE",
        city: "Beta City",
        localPort: 22,
        remotePort: null,
        source: "portProbeAction.portProbeDetails[1]",
      },
    ]);
  });

  it("reads the target instance and its interface", () => {
    expect(finding?.resourceType).toBe("Instance");
    expect(finding?.instance).toEqual({
      instanceId: "i-0abc1234def567890",
      networkInterfaces: [
        {
          networkInterfaceId: "eni-0abc1234def567890",
          privateIp: "10.0.3.9",
          publicIp: "198.51.100.200",
        },
      ],
    });
    expect(finding?.principal).toBeNull();
  });

  it("keeps the activity interval apart from the bookkeeping times", () => {
    expect(finding?.eventFirstSeen?.toISOString()).toBe("2024-06-11T07:00:00.000Z");
    expect(finding?.eventLastSeen?.toISOString()).toBe("2024-06-11T09:30:00.000Z");
    expect(finding?.createdAt?.toISOString()).toBe("2024-06-11T07:04:10.250Z");
    expect(finding?.updatedAt?.toISOString()).toBe("2024-06-11T09:36:00.999Z");
  });

  it("maps severity 2 to Low and the Recon purpose to reconnaissance", () => {
    expect(finding?.severity).toBe(2);
    expect(finding?.severityLabel).toBe("Low");
    expect(finding?.phase).toBe("reconnaissance");
    expect(finding?.count).toBe(31);
    expect(finding?.sample).toBe(false);
    expect(finding?.archived).toBe(false);
    expect(finding?.actionType).toBe("PORT_PROBE");
    expect(finding?.api).toBeNull();
    expect(finding?.warnings).toEqual([]);
  });
});

describe("normalizeGuardDutyFinding: shapes", () => {
  it("reads PascalCase SDK output like camelCase CLI output", () => {
    const [candidate] = extractFindings(pascalGetFindingsOutput());
    expect(candidate.path).toBe("Findings[0]");
    const finding = normalized(candidate.value);
    expect(finding.id).toBe("b2c3d4e5f6a70819203a4b5c6d7e8f9a");
    expect(finding.type).toBe(
      "UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS",
    );
    expect(finding.severity).toBe(8);
    expect(finding.severityLabel).toBe("High");
    expect(finding.phase).toBe("detection");
    expect(finding.principal).toEqual({
      userName: "app-server-role",
      userType: "AssumedRole",
      principalId: "AROAEXAMPLEROLEID001:i-0abc1234def567890",
      accessKeyId: "ASIAEXAMPLEKEY000001",
    });
    expect(finding.api).toEqual({
      name: "ListBuckets",
      serviceName: "s3.amazonaws.com",
      callerType: "Remote IP",
      errorCode: "AccessDenied",
    });
    expect(finding.remoteActors).toMatchObject([
      { ip: "192.0.2.77", asn: 64496, countryCode: "EX", source: "AwsApiCallAction" },
    ]);
    expect(finding.eventLastSeen?.toISOString()).toBe("2024-06-12T10:12:45.500Z");
    expect(finding.count).toBe(4);
  });

  it("takes the finding from an EventBridge event's detail, not the envelope id", () => {
    const event = eventBridgeEvent(portProbeFinding());
    const [candidate] = extractFindings(event);
    expect(candidate.path).toBe("detail");
    const finding = normalized(event);
    expect(finding.id).toBe("a1b2c3d4e5f60718293a4b5c6d7e8f90");
    expect(finding.envelope).toEqual({
      id: "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
      time: "2024-06-11T09:36:05Z",
      source: "aws.guardduty",
    });
    expect(finding.record).toBe(event.detail);
  });

  it('marks sample findings, with sample as the string "true" and a text severity', () => {
    const finding = normalized(sampleFinding());
    expect(finding.sample).toBe(true);
    expect(finding.severity).toBe(2);
    expect(finding.severityLabel).toBe("Low");
    expect(finding.principal?.userType).toBe("Root");
    expect(finding.remoteActors).toMatchObject([{ ip: "198.51.100.1", asn: null }]);
    expect(finding.eventFirstSeen?.toISOString()).toBe("2024-06-13T08:00:00.000Z");
  });

  it("accepts a bare array of findings and get-findings output alike", () => {
    const items = parseGuardDutyValue({ value: [portProbeFinding(), sampleFinding()] });
    expect(items.map((i) => i.type)).toEqual(["guardduty", "guardduty"]);
    expect(items.map((i) => (i.type === "guardduty" ? i.index : -1))).toEqual([0, 1]);
    const camelOutput = parseGuardDutyValue({ value: { findings: [portProbeFinding()] } });
    expect(camelOutput).toHaveLength(1);
    expect(parseGuardDutyValue({ value: { Findings: [] } })).toEqual([]);
  });

  it("treats severity 2 and 2.0 as the same", () => {
    const a = normalized({ ...portProbeFinding(), severity: 2 });
    const b = normalized({ ...portProbeFinding(), severity: 2.0 });
    const c = normalized({ ...portProbeFinding(), severity: "2.0" });
    expect([a.severity, b.severity, c.severity]).toEqual([2, 2, 2]);
  });
});

describe("normalizeGuardDutyFinding: rejections", () => {
  it("names the missing id by its path in the file", () => {
    const { id: _id, ...noId } = portProbeFinding();
    const items = parseGuardDutyValue({ value: { findings: [portProbeFinding(), noId] } });
    expect(items[1]).toMatchObject({
      type: "reject",
      rejection: { recordIndex: 1, field: "findings[1].id", reason: "finding has no id" },
    });
  });

  it("names a missing Type in PascalCase output as Findings[0].Type", () => {
    const output = pascalGetFindingsOutput();
    const [finding] = output.Findings as Array<Record<string, unknown>>;
    delete finding.Type;
    const [item] = parseGuardDutyValue({ value: output });
    expect(item.type === "reject" && item.rejection.field).toBe("Findings[0].Type");
  });

  it("names the readers for an unread detail-type", () => {
    const event = { ...eventBridgeEvent({}), "detail-type": "EC2 Instance State-change Notification" };
    const result = normalizeGuardDutyFinding({ value: event, raw: "{}" });
    expect(result).toMatchObject({
      rejection: {
        field: "detail-type",
        reason:
          'EventBridge detail-type "EC2 Instance State-change Notification" is not read: Watchfloor reads CloudTrail events ' +
          '(detail-types ending in "via CloudTrail") and "GuardDuty Finding"',
      },
    });
  });

  it("rejects an EventBridge event of another kind with its detail-type", () => {
    const event = { ...eventBridgeEvent({}), "detail-type": "AWS API Call via CloudTrail" };
    const result = normalizeGuardDutyFinding({ value: event, raw: "{}" });
    expect(result).toMatchObject({
      rejection: {
        field: "detail-type",
        reason: expect.stringContaining("AWS API Call via CloudTrail"),
      },
    });
  });

  it("rejects a value that is not an object", () => {
    const result = normalizeGuardDutyFinding({ value: "hello", path: "Findings[2]", index: 2 });
    expect(result).toMatchObject({ rejection: { recordIndex: 2, field: "Findings[2]" } });
  });

  it.each([
    ["a label", "HIGH", '"HIGH"'],
    ["above 10", 11, "11"],
    ["below 0", -1, "-1"],
    ["text around a number", "8.5 HIGH", '"8.5 HIGH"'],
  ])("rejects a severity given as %s", (_case, severity, shown) => {
    const result = normalizeGuardDutyFinding({ value: { ...portProbeFinding(), severity }, path: "Findings[4]", index: 4 });
    expect(result).toMatchObject({
      rejection: {
        recordIndex: 4,
        field: "Findings[4].severity",
        reason: `finding a1b2c3d4e5f60718293a4b5c6d7e8f90: severity is ${shown}, expected a number from 0 to 10 (GuardDuty's severity range)`,
      },
    });
  });

  it("names a PascalCase Severity as the input spells it", () => {
    const output = pascalGetFindingsOutput();
    const [finding] = output.Findings as Array<Record<string, unknown>>;
    finding.Severity = "High";
    const [item] = parseGuardDutyValue({ value: output });
    expect(item).toMatchObject({
      type: "reject",
      rejection: { field: "Findings[0].Severity", reason: expect.stringContaining('Severity is "High", expected a number from 0 to 10') },
    });
  });

  it("accepts the ends of the severity range", () => {
    expect(normalized({ ...portProbeFinding(), severity: 0 }).severity).toBe(0);
    expect(normalized({ ...portProbeFinding(), severity: "10.0" }).severityLabel).toBe("Critical");
  });

  it.each([
    ["missing", undefined, "missing"],
    ["null", null, "null"],
  ])("rejects a severity that is %s", (_case, severity, shown) => {
    const result = normalizeGuardDutyFinding({ value: { ...portProbeFinding(), severity }, path: "Findings[4]", index: 4 });
    expect(result).toMatchObject({
      rejection: {
        recordIndex: 4,
        field: "Findings[4].severity",
        reason:
          `finding a1b2c3d4e5f60718293a4b5c6d7e8f90: severity is ${shown}, expected a number from 0 to 10 ` +
          "(GuardDuty's severity range). GuardDuty gives every finding a severity, so this record is damaged " +
          "or was not written by GuardDuty",
      },
    });
  });

  it("names the detail of a GuardDuty event without one", () => {
    const event = { ...eventBridgeEvent({}), detail: "none" };
    const result = normalizeGuardDutyFinding({ value: event });
    expect(result).toMatchObject({ rejection: { field: "detail", reason: "expected an object holding the GuardDuty finding" } });
  });

  it("keeps a finding with an unreadable timestamp, with a warning", () => {
    const value = portProbeFinding();
    value.updatedAt = "yesterday";
    const finding = normalized(value);
    expect(finding.updatedAt).toBeNull();
    expect(finding.warnings).toEqual(["updatedAt: unreadable timestamp 'yesterday'"]);
  });
});
