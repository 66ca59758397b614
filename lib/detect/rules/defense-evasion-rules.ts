import { describeSelectorNarrowing, describeTrailNarrowing } from "./describe-trail-narrowing";
import { failureDetails, requestBoolean, requestString, requestValue } from "./read-event-fields";
import type { CandidateEvent, CloudTrailRule, RuleHit } from "./rule-types";

const LOGS = "T1562.008";
const TOOLS = "T1562.001";
const DEFENSE_EVASION = "TA0005";

/**
 * Builds the hit of an evasion call. Attempts count whether or not they
 * succeed, because a denied StopLogging still shows someone trying to blind
 * the defenders. The title and details record which it was.
 */
function evasionHit(event: CandidateEvent, action: string, details: Record<string, unknown>): RuleHit {
  const failed = event.errorCode !== null;
  return {
    title: failed ? `Attempt to ${action} (${event.errorCode})` : action.charAt(0).toUpperCase() + action.slice(1),
    details: { ...failureDetails(event), ...details },
  };
}

export const stopCloudTrailRule: CloudTrailRule = {
  id: "cloudtrail-stop-or-delete",
  source: "cloudtrail",
  fields: ["requestParameters.name", "errorCode", "errorMessage"],
  title: "CloudTrail trail stopped or deleted",
  description:
    "StopLogging or DeleteTrail was called on a trail, which ends the record of later API calls. " +
    "Check whether the trail still logs (GetTrailStatus), restart it, and look at what the same " +
    "credentials did right before and after.",
  severity: "high",
  phase: "defense_evasion",
  score: 30,
  mitre: { tactics: [DEFENSE_EVASION], techniques: [LOGS] },
  references: [
    "https://attack.mitre.org/techniques/T1562/008/",
    "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html",
  ],
  eventNames: ["StopLogging", "DeleteTrail"],
  async match({ event }) {
    const trail = requestString(event, "name");
    const verb = event.eventName === "StopLogging" ? "stop logging" : "delete the trail";
    return evasionHit(event, `${verb} ${trail ?? ""}`.trim(), { trail });
  },
};

export const narrowCloudTrailRule: CloudTrailRule = {
  id: "cloudtrail-narrowed",
  source: "cloudtrail",
  fields: [
    "requestParameters.name",
    "requestParameters.trailName",
    "requestParameters.eventSelectors",
    "requestParameters.advancedEventSelectors",
    "requestParameters.isMultiRegionTrail",
    "requestParameters.includeGlobalServiceEvents",
    "requestParameters.enableLogFileValidation",
    "requestParameters.cloudWatchLogsLogGroupArn",
    "errorCode",
    "errorMessage",
  ],
  title: "CloudTrail trail narrowed",
  description:
    "A trail's settings or event selectors were changed so that it records less, for example no " +
    "write management events or one Region only. Compare the trail with its intended settings " +
    "(GetTrail, GetEventSelectors) and restore them.",
  severity: "medium",
  phase: "defense_evasion",
  score: 20,
  mitre: { tactics: [DEFENSE_EVASION], techniques: [LOGS] },
  references: [
    "https://attack.mitre.org/techniques/T1562/008/",
    "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html",
  ],
  eventNames: ["UpdateTrail", "PutEventSelectors"],
  async match({ event }) {
    const narrowing = event.eventName === "UpdateTrail" ? describeTrailNarrowing(event) : describeSelectorNarrowing(event);
    if (narrowing.length === 0) {
      return null;
    }
    const trail = requestString(event, "name") ?? requestString(event, "trailName");
    return evasionHit(event, `narrow trail ${trail ?? ""}`.trim(), { trail, narrowing });
  },
};

export const disableGuardDutyRule: CloudTrailRule = {
  id: "guardduty-disabled",
  source: "cloudtrail",
  fields: ["requestParameters.detectorId", "requestParameters.enable", "awsRegion", "errorCode", "errorMessage"],
  title: "GuardDuty detector deleted or disabled",
  description:
    "A GuardDuty detector was deleted or suspended, so no findings are produced in that Region. " +
    "Check the detector's status in every Region and turn it back on.",
  severity: "high",
  phase: "defense_evasion",
  score: 30,
  mitre: { tactics: [DEFENSE_EVASION], techniques: [TOOLS] },
  references: [
    "https://attack.mitre.org/techniques/T1562/001/",
    "https://docs.aws.amazon.com/guardduty/latest/APIReference/API_UpdateDetector.html",
  ],
  eventNames: ["DeleteDetector", "UpdateDetector"],
  async match({ event }) {
    if (event.eventName === "UpdateDetector" && requestBoolean(event, "enable") !== false) {
      return null;
    }
    const detectorId = requestString(event, "detectorId");
    const action = event.eventName === "DeleteDetector" ? "delete the GuardDuty detector" : "disable GuardDuty";
    return evasionHit(event, action, { detectorId, region: event.region });
  },
};

export const deleteFlowLogsRule: CloudTrailRule = {
  id: "vpc-flow-logs-deleted",
  source: "cloudtrail",
  fields: ["requestParameters.flowLogIds", "errorCode", "errorMessage"],
  title: "VPC flow logs deleted",
  description:
    "Flow logs were deleted, so network traffic of the affected VPCs, subnets or interfaces is no " +
    "longer recorded. Check which resources lost their flow logs and recreate them.",
  severity: "medium",
  phase: "defense_evasion",
  score: 20,
  mitre: { tactics: [DEFENSE_EVASION], techniques: [LOGS] },
  references: [
    "https://attack.mitre.org/techniques/T1562/008/",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteFlowLogs.html",
  ],
  eventNames: ["DeleteFlowLogs"],
  async match({ event }) {
    return evasionHit(event, "delete flow logs", { request: event.record.requestParameters ?? null });
  },
};

export const disableSecurityHubRule: CloudTrailRule = {
  id: "securityhub-disabled",
  source: "cloudtrail",
  title: "Security Hub disabled",
  description:
    "Security Hub was disabled in a Region, or its security standards were turned off, so its checks " +
    "and aggregated findings stop. Check Security Hub's status in every Region and enable it again.",
  fields: ["requestParameters.standardsSubscriptionArns", "awsRegion", "errorCode", "errorMessage"],
  severity: "high",
  phase: "defense_evasion",
  score: 30,
  mitre: { tactics: [DEFENSE_EVASION], techniques: [TOOLS] },
  references: [
    "https://attack.mitre.org/techniques/T1562/001/",
    "https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_DisableSecurityHub.html",
  ],
  eventNames: ["DisableSecurityHub", "BatchDisableStandards"],
  async match({ event }) {
    const action = event.eventName === "DisableSecurityHub" ? "disable Security Hub" : "disable Security Hub standards";
    return evasionHit(event, action, { region: event.region, standards: requestValue(event, "standardsSubscriptionArns") ?? null });
  },
};
