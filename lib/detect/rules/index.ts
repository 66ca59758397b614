import {
  deactivateAccessKeyRule,
  deleteLoginProfileRule,
  denyAllPolicyRule,
  removeUserPolicyRule,
} from "./containment-rules";
import { deleteFlowLogsRule, disableGuardDutyRule, narrowCloudTrailRule, stopCloudTrailRule } from "./defense-evasion-rules";
import { securityGroupOpenToWorldRule } from "./network-exposure-rules";
import { createAccessKeyRule } from "./persistence-rules";
import { attachAdministratorPolicyRule, inlineAdministratorPolicyRule } from "./privilege-escalation-rules";
import { identityDiscoveryRule, infrastructureDiscoveryRule, storageDiscoveryRule } from "./reconnaissance-rules";
import type { CloudTrailRule } from "./rule-types";

export { guardDutyFindingRule } from "./guardduty-finding-rule";
export type * from "./rule-types";

/** Rules that describe what an attacker did. */
export const ATTACK_RULES: readonly CloudTrailRule[] = [
  createAccessKeyRule,
  storageDiscoveryRule,
  identityDiscoveryRule,
  infrastructureDiscoveryRule,
  attachAdministratorPolicyRule,
  inlineAdministratorPolicyRule,
  stopCloudTrailRule,
  narrowCloudTrailRule,
  disableGuardDutyRule,
  deleteFlowLogsRule,
  securityGroupOpenToWorldRule,
];

/**
 * Rules that describe what responders did. They run after the attack rules
 * because they match only principals that already have attack signals.
 */
export const CONTAINMENT_RULES: readonly CloudTrailRule[] = [
  deactivateAccessKeyRule,
  removeUserPolicyRule,
  deleteLoginProfileRule,
  denyAllPolicyRule,
];
