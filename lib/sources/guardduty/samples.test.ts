import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { sharedExists, sharedMissing, sharedPath } from "@/lib/sources/common/shared-folder";
import { parseGuardDutyValue } from "./parse-guardduty-value";
import type { GuardDutyFinding } from "./types";

const HAS_SAMPLES = sharedExists("samples", "guardduty");

function findingsOf(value: unknown): GuardDutyFinding[] {
  const items = parseGuardDutyValue({ value });
  const rejected = items.flatMap((i) => (i.type === "reject" ? [i.rejection.reason] : []));
  expect(rejected).toEqual([]);
  return items.flatMap((i) => (i.type === "guardduty" ? [i.finding] : []));
}

describe.skipIf(!HAS_SAMPLES)("GuardDuty samples in shared/samples/guardduty", () => {
  it("normalises the Panther rule-test findings (each JSONL line's `log`)", () => {
    const text = readFileSync(
      sharedPath("samples/guardduty/panther/panther-rule-tests-guardduty.jsonl"),
      "utf8",
    );
    const lines = text.split("\n").filter((l) => l.trim() !== "");
    const findings = lines.flatMap((line) => findingsOf(JSON.parse(line).log));
    expect(findings).toHaveLength(lines.length);
    for (const finding of findings) {
      expect(finding.createdAt).toBeInstanceOf(Date);
      expect(finding.eventFirstSeen).toBeInstanceOf(Date);
      expect(finding.warnings).toEqual([]);
    }
    const sequence = findings.find((f) => f.type === "AttackSequence:IAM/CompromisedCredentials");
    expect(sequence?.severityLabel).toBe("Critical");
    expect(sequence?.createdAt?.toISOString()).toBe("2025-02-25T20:40:06.721Z");
    expect(sequence?.sample).toBe(false);
    const labels = findings
      .filter((f) => f.type.startsWith("PrivilegeEscalation") && !f.sample)
      .map((f) => [f.severity, f.severityLabel]);
    expect(labels).toEqual(
      expect.arrayContaining([
        [1, "Low"],
        [5, "Medium"],
        [8, "High"],
      ]),
    );
    expect(findings.filter((f) => f.sample)).toHaveLength(4);
  });

  it("normalises the ONUG findings (JSON arrays of CLI-shaped findings)", () => {
    const read = (name: string) =>
      findingsOf(JSON.parse(readFileSync(sharedPath("samples/guardduty/onug-csnf", name), "utf8")));
    const [admin] = read("aws-alert.PrivilegeEscalation-AdministrativePermissions.json");
    expect(admin.phase).toBe("privilege_escalation");
    expect(admin.principal?.userName).toBe("testuser1");
    expect(admin.api?.name).toBe("AttachUserPolicy");
    expect(admin.remoteActors).toMatchObject([
      { ip: "59.149.216.114", asn: 9269, city: "Lai Chi Kok" },
    ]);
    const [discovery] = read("csnf-doc.Discovery-IAMUser-AnomalousBehavior.json");
    expect(discovery.phase).toBe("reconnaissance");
    expect(discovery.severityLabel).toBe("Low");
    expect(discovery.remoteActors).toMatchObject([{ ip: "74.80.52.132", asn: 25921 }]);
  });
});

describe.skipIf(sharedMissing("GuardDuty failure-case test", "cases", "B17.json"))("failure case B17 in shared/cases", () => {
  it("keeps both port-probe actors, the target and the activity interval", () => {
    const text = readFileSync(sharedPath("cases/B17.json"), "utf8");
    const [finding] = findingsOf(JSON.parse(text));
    expect(finding.id).toBe("0123456789abcdef0123456789abcdef");
    expect(finding.remoteActors.map((a) => [a.ip, a.asn, a.localPort])).toEqual([
      ["203.0.113.10", 64500, 22],
      ["203.0.113.20", 64501, 22],
    ]);
    expect(finding.instance?.networkInterfaces[0]).toEqual({
      networkInterfaceId: "eni-0abc1234def567890",
      privateIp: "10.0.3.9",
      publicIp: "198.51.100.200",
    });
    expect(finding.eventFirstSeen?.toISOString()).toBe("2024-03-05T07:00:00.000Z");
    expect(finding.eventLastSeen?.toISOString()).toBe("2024-03-05T09:30:00.000Z");
    expect(finding.severityLabel).toBe("Low");
  });
});
