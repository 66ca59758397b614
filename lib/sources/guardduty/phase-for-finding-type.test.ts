import { describe, expect, it } from "vitest";

import { phaseForFindingType } from "./phase-for-finding-type";
import { severityLabel } from "./severity";

describe("phaseForFindingType", () => {
  it.each([
    ["UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS", "detection"],
    ["UnauthorizedAccess:IAMUser/ConsoleLoginSuccess.B", "detection"],
    ["InitialAccess:IAMUser/AnomalousBehavior", "detection"],
    ["CredentialAccess:IAMUser/AnomalousBehavior", "detection"],
    ["AttackSequence:IAM/CompromisedCredentials", "detection"],
    ["Recon:IAMUser/MaliciousIPCaller", "reconnaissance"],
    ["Discovery:S3/AnomalousBehavior", "reconnaissance"],
    ["Persistence:IAMUser/AnomalousBehavior", "persistence"],
    ["Backdoor:EC2/C&CActivity.B!DNS", "persistence"],
    ["PrivilegeEscalation:IAMUser/AnomalousBehavior", "privilege_escalation"],
    ["Stealth:IAMUser/CloudTrailLoggingDisabled", "defense_evasion"],
    ["DefenseEvasion:IAMUser/AnomalousBehavior", "defense_evasion"],
    ["Exfiltration:S3/AnomalousBehavior", "exfiltration"],
    ["Trojan:EC2/DNSDataExfiltration", "exfiltration"],
    ["Trojan:EC2/BlackholeTraffic", "detection"],
    ["Policy:IAMUser/RootCredentialUsage", "detection"],
    ["Policy:S3/BucketBlockPublicAccessDisabled", "defense_evasion"],
    ["Policy:S3/BucketAnonymousAccessGranted", "exfiltration"],
    ["CryptoCurrency:EC2/BitcoinTool.B!DNS", "detection"],
    ["Impact:EC2/WinRMBruteForce", "detection"],
    ["Execution:Runtime/NewBinaryExecuted", "detection"],
    ["Pentest:IAMUser/KaliLinux", "detection"],
    ["Behavior:EC2/NetworkPortUnusual", "detection"],
    ["SomethingNew:EC2/Unknown", "detection"],
    ["", "detection"],
  ])("%s → %s", (type, phase) => {
    expect(phaseForFindingType(type)).toBe(phase);
  });
});

describe("severityLabel", () => {
  it.each([
    [1, "Low"],
    [2, "Low"],
    [3.9, "Low"],
    [3.95, "Low"],
    [4, "Medium"],
    [6.9, "Medium"],
    [7, "High"],
    [8.9, "High"],
    [9, "Critical"],
    [10, "Critical"],
  ])("%s → %s", (severity, label) => {
    expect(severityLabel(severity)).toBe(label);
  });

  it("has no label for no severity", () => {
    expect(severityLabel(null)).toBeNull();
    expect(severityLabel(Number.NaN)).toBeNull();
  });
});
