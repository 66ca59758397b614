import { authorizationDetailsRule } from "./authorization-details-rule";
import {
  deactivateAccessKeyRule,
  deleteLoginProfileRule,
  denyAllPolicyRule,
  removeUserPolicyRule,
} from "./containment-rules";
import {
  deleteFlowLogsRule,
  disableGuardDutyRule,
  disableSecurityHubRule,
  narrowCloudTrailRule,
  stopCloudTrailRule,
} from "./defense-evasion-rules";
import { sharedOutsideAccountRule } from "./exfiltration-rules";
import { flowExfiltrationRule } from "./flow-exfiltration-rule";
import { guardDutyFindingRule } from "./guardduty-finding-rule";
import { adminGroupMembershipRule, passRoleToComputeRule, policyVersionDefaultRule } from "./iam-escalation-rules";
import { createUserRule, loginProfileRule, roleTrustOutsideRule } from "./iam-persistence-rules";
import {
  consoleLoginWithoutMfaRule,
  longTermKeyNewAsnRule,
  longTermKeyNewPlaceRule,
  rootActivityRule,
} from "./initial-access-rules";
import { loadRules } from "./load-rules";
import { securityGroupOpenToWorldRule } from "./network-exposure-rules";
import { createAccessKeyRule } from "./persistence-rules";
import { attachAdministratorPolicyRule, inlineAdministratorPolicyRule } from "./privilege-escalation-rules";
import { identityDiscoveryRule, infrastructureDiscoveryRule, storageDiscoveryRule } from "./reconnaissance-rules";
import type { CloudTrailRule, RuleMetadata, StreamRule } from "./rule-types";
import { accessDeniedBurstRule, distinctReadBurstRule, enumerationBurstRule, impossibleTravelRule, s3ReadVolumeRule } from "./stream-rules";

export { guardDutyFindingRule } from "./guardduty-finding-rule";
export type * from "./rule-types";

/** Rules that describe what an attacker did, one event at a time. */
export const ATTACK_RULES: readonly CloudTrailRule[] = loadRules([
  consoleLoginWithoutMfaRule,
  rootActivityRule,
  longTermKeyNewPlaceRule,
  longTermKeyNewAsnRule,
  createAccessKeyRule,
  loginProfileRule,
  createUserRule,
  roleTrustOutsideRule,
  storageDiscoveryRule,
  identityDiscoveryRule,
  infrastructureDiscoveryRule,
  authorizationDetailsRule,
  attachAdministratorPolicyRule,
  inlineAdministratorPolicyRule,
  policyVersionDefaultRule,
  adminGroupMembershipRule,
  passRoleToComputeRule,
  stopCloudTrailRule,
  narrowCloudTrailRule,
  disableGuardDutyRule,
  disableSecurityHubRule,
  deleteFlowLogsRule,
  securityGroupOpenToWorldRule,
  sharedOutsideAccountRule,
]);

/** Rules over sequences of events: bursts of calls and travel between countries. */
export const STREAM_RULES: readonly StreamRule[] = loadRules([
  enumerationBurstRule,
  distinctReadBurstRule,
  accessDeniedBurstRule,
  impossibleTravelRule,
  s3ReadVolumeRule,
]);

/**
 * Rules that describe what responders did. They run after the attack rules
 * because they match only principals that already have attack signals.
 */
export const CONTAINMENT_RULES: readonly CloudTrailRule[] = loadRules([
  deactivateAccessKeyRule,
  removeUserPolicyRule,
  deleteLoginProfileRule,
  denyAllPolicyRule,
]);

/** Every rule, with its metadata, for the documentation, the evaluation and the UI. */
export const ALL_RULES: readonly RuleMetadata[] = loadRules([
  ...ATTACK_RULES,
  ...STREAM_RULES,
  ...CONTAINMENT_RULES,
  guardDutyFindingRule,
  flowExfiltrationRule,
]);
