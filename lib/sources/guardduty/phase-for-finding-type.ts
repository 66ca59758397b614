import type { WatchfloorPhase } from "./types";

/**
 * GuardDuty finding types read `ThreatPurpose:ResourceType/ThreatFamily.Mechanism!Artifact`
 * (User Guide, "GuardDuty finding format"). The threat purpose picks the phase.
 *
 * Watchfloor has six phases; purposes without a phase of their own go to `detection`,
 * the "something is wrong with this principal or host" lane:
 * - UnauthorizedAccess, InitialAccess, CredentialAccess, Pentest: credential misuse or
 *   attack tooling; they say a principal is compromised, not what it did next.
 * - Behavior, Execution, Impact, Cryptocurrency, Trojan, AttackSequence: compromise
 *   evidence or consequences (an attack sequence spans phases by definition).
 * - Policy: mostly root credential use; the S3 public-access cases are overridden below.
 * Recon and Discovery are reconnaissance; Stealth (logging disabled, password policy
 * weakened) and DefenseEvasion are defense_evasion; Backdoor (C&C, an instance under the
 * attacker's control) is persistence.
 */
const BY_PURPOSE: Record<string, WatchfloorPhase> = {
  attacksequence: "detection",
  backdoor: "persistence",
  behavior: "detection",
  credentialaccess: "detection",
  cryptocurrency: "detection",
  defenseevasion: "defense_evasion",
  discovery: "reconnaissance",
  execution: "detection",
  exfiltration: "exfiltration",
  impact: "detection",
  initialaccess: "detection",
  pentest: "detection",
  persistence: "persistence",
  policy: "detection",
  privilegeescalation: "privilege_escalation",
  recon: "reconnaissance",
  stealth: "defense_evasion",
  trojan: "detection",
  unauthorizedaccess: "detection",
};

/**
 * Types whose family says more than their purpose. UnauthorizedAccess:IAMUser/
 * InstanceCredentialExfiltration.* stays `detection` on purpose: it means stolen
 * credentials are in use, not that data left.
 */
const BY_TYPE_PREFIX: Array<[string, WatchfloorPhase]> = [
  ["trojan:ec2/dnsdataexfiltration", "exfiltration"],
  ["trojan:ec2/droppoint", "exfiltration"],
  ["policy:s3/bucketblockpublicaccessdisabled", "defense_evasion"],
  ["policy:s3/bucketanonymousaccessgranted", "exfiltration"],
  ["policy:s3/bucketpublicaccessgranted", "exfiltration"],
];

/** Unknown or empty types fall back to `detection`. */
export function phaseForFindingType(type: string): WatchfloorPhase {
  const lower = type.trim().toLowerCase();
  for (const [prefix, phase] of BY_TYPE_PREFIX) {
    if (lower.startsWith(prefix)) {
      return phase;
    }
  }
  const purpose = lower.split(":", 1)[0];
  return BY_PURPOSE[purpose] ?? "detection";
}
