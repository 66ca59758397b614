import type { DetectionLookups } from "@/lib/detect/detection-lookups";
import type { NoveltyResult } from "@/lib/detect/check-novelty";
import type { BaselineDimension } from "@/lib/detect/baseline-values";
import type { CandidateEvent } from "@/lib/detect/rules/rule-types";

function noHistory(dimension: BaselineDimension): NoveltyResult {
  return { dimension, value: null, verdict: "not_enough_history", valueFirstSeen: null, principalFirstSeen: null };
}

/**
 * Look-ups for records evaluated without a database: no principal has
 * history (so rules that need a baseline stay silent), no GuardDuty finding
 * is stored, and "first call" questions are answered from `events`, the
 * other records of the same sample.
 */
export function createIsolatedLookups(events: readonly CandidateEvent[]): DetectionLookups {
  const earlier = (event: CandidateEvent, windowMs: number) =>
    events.some(
      (other) =>
        other !== event &&
        other.principalKey === event.principalKey &&
        other.eventTime.getTime() <= event.eventTime.getTime() &&
        other.eventTime.getTime() >= event.eventTime.getTime() - windowMs &&
        (other.eventTime.getTime() < event.eventTime.getTime() || Number(other.id) < Number(event.id)),
    );
  return {
    placeNovelty: async () => ({ verdict: "not_enough_history", address: noHistory("ip"), network: noHistory("network") }),
    countryNovelty: async () => noHistory("country"),
    asnNovelty: async () => noHistory("asn"),
    userAgentNovelty: async () => noHistory("userAgent"),
    apiNovelty: async () => noHistory("api"),
    resolveUserKey: async (input) => `arn:${input.partition}:iam::${input.accountId ?? "unknown"}:user/${input.userName}`,
    accessKeyOwner: async () => null,
    isFirstCallFromAddress: async () => true,
    isContainmentTarget: async () => false,
    isReportedByFinding: async () => false,
    peakHourlyCount: async () => 0,
    isFirstCallWithin: async (event, windowMs) => !earlier(event, windowMs),
    groupGrantsAdministrator: async () => false,
  };
}
