import { getArray, getBoolean, getString, isObject } from "@/lib/sources/common/json-fields";

import { requestBoolean, requestValue } from "./read-event-fields";
import type { CandidateEvent } from "./rule-types";

// The request carries the new settings only, never the old ones, so each
// reason states what the trail no longer records, not that it changed.

/**
 * Basic event selectors: management events are recorded when some selector
 * has IncludeManagementEvents, and write calls when such a selector has
 * ReadWriteType All or WriteOnly (CloudTrail User Guide, "Logging management events").
 */
function describeBasicSelectors(selectors: unknown[]): string[] {
  const management = selectors.filter((s) => getBoolean(s, "includeManagementEvents") !== false);
  if (management.length === 0) {
    return ["management events are no longer recorded"];
  }
  const reasons: string[] = [];
  const readWrite = management.map((s) => getString(s, "readWriteType") ?? "All");
  if (readWrite.every((type) => type === "ReadOnly")) {
    reasons.push("write management events are no longer recorded");
  }
  for (const selector of management) {
    for (const source of getArray(selector, "excludeManagementEventSources")) {
      reasons.push(`management events from ${String(source)} are excluded`);
    }
  }
  return reasons;
}

function fieldEquals(selector: unknown, field: string): string[] | null {
  const match = getArray(selector, "fieldSelectors").find((f) => getString(f, "field") === field);
  return match === undefined ? null : getArray(match, "equals").map(String);
}

/** Advanced event selectors select management events with `eventCategory` equal to `Management`. */
function describeAdvancedSelectors(selectors: unknown[]): string[] {
  const management = selectors.filter((s) => fieldEquals(s, "eventCategory")?.includes("Management"));
  if (management.length === 0) {
    return ["management events are no longer recorded"];
  }
  const readOnlyOnly = management.every((s) => {
    const readOnly = fieldEquals(s, "readOnly");
    return readOnly !== null && readOnly.length === 1 && readOnly[0] === "true";
  });
  return readOnlyOnly ? ["write management events are no longer recorded"] : [];
}

/** Reasons a PutEventSelectors call records less than a default trail. */
export function describeSelectorNarrowing(event: CandidateEvent): string[] {
  const basic = requestValue(event, "eventSelectors");
  const advanced = requestValue(event, "advancedEventSelectors");
  if (Array.isArray(advanced)) {
    return describeAdvancedSelectors(advanced.filter(isObject));
  }
  if (Array.isArray(basic)) {
    return describeBasicSelectors(basic.filter(isObject));
  }
  return [];
}

/** Reasons an UpdateTrail call records or protects less. */
export function describeTrailNarrowing(event: CandidateEvent): string[] {
  const reasons: string[] = [];
  if (requestBoolean(event, "isMultiRegionTrail") === false) {
    reasons.push("the trail records one Region only");
  }
  if (requestBoolean(event, "includeGlobalServiceEvents") === false) {
    reasons.push("global service events (IAM, STS, CloudFront) are no longer recorded");
  }
  if (requestBoolean(event, "enableLogFileValidation") === false) {
    reasons.push("log file validation is turned off");
  }
  if (requestValue(event, "cloudWatchLogsLogGroupArn") === "") {
    reasons.push("delivery to CloudWatch Logs is removed");
  }
  return reasons;
}
