import { isDatabaseFailure } from "@/lib/db/is-database-failure";
import { forEachConcurrently } from "@/lib/ingest/for-each-concurrently";
import type { Logger } from "@/lib/log";

import type { DetectionLookups } from "./detection-lookups";
import { type SavedSignal, saveSignals, type SignalInput } from "./save-signals";
import { type CandidateSelection, loadCandidateEvents } from "./load-candidate-events";
import { recordCreatedKeys } from "./record-created-keys";
import type { CandidateEvent, CloudTrailRule, CreatedAccessKey, RuleHit, RuleMetadata } from "./rules/rule-types";

export interface EvaluateRulesOptions {
  rules: readonly CloudTrailRule[];
  selections: readonly CandidateSelection[];
  lookups: DetectionLookups;
  log: Logger;
  /** Events already evaluated by these rules in this run; updated in place. */
  evaluated?: Set<string>;
}

// Rules wait on the database, and most events need no query at all. Events
// are therefore taken as connections come free: taken four at a time, a page
// took as long as its queries run one after another. Eight in flight keep
// both the database and Node busy and leave two of the pool's ten
// connections free.
const CONCURRENCY = 8;

/** The fields of a CloudTrail event that a signal copies, common to candidate and stream events. */
type SignalEvent = Pick<
  CandidateEvent,
  | "naturalId"
  | "eventTime"
  | "accountId"
  | "region"
  | "eventSource"
  | "eventName"
  | "principalKey"
  | "principalType"
  | "principalName"
  | "accessKeyId"
  | "sourceIp"
  | "userAgent"
>;

/** Builds the signal of a CloudTrail rule's hit on one event, for per-event and stream rules alike. */
export function cloudTrailHitToSignal(
  rule: RuleMetadata,
  event: SignalEvent,
  hit: Omit<RuleHit, "createdKey">,
): SignalInput {
  return {
    ruleId: rule.id,
    source: "cloudtrail",
    naturalId: event.naturalId,
    eventTime: event.eventTime,
    phase: rule.phase,
    severity: hit.severity ?? rule.severity,
    score: hit.score ?? rule.score,
    title: hit.title ?? rule.title,
    principalKey: event.principalKey,
    subjectKey: hit.subjectKey ?? null,
    accessKeyId: event.accessKeyId,
    relatedKeyId: hit.relatedKeyId ?? null,
    sourceIp: event.sourceIp,
    eventName: event.eventName,
    techniqueIds: rule.mitre.techniques,
    details: {
      accountId: event.accountId,
      region: event.region,
      eventSource: event.eventSource,
      userAgent: event.userAgent,
      principalName: event.principalName,
      principalType: event.principalType,
      tactics: rule.mitre.tactics,
      ...hit.details,
    },
  };
}

async function evaluateEvent(
  event: CandidateEvent,
  rules: readonly CloudTrailRule[],
  options: EvaluateRulesOptions,
): Promise<{ signals: SignalInput[]; createdKeys: CreatedAccessKey[] }> {
  const signals: SignalInput[] = [];
  const createdKeys: CreatedAccessKey[] = [];
  for (const rule of rules) {
    try {
      const hit = await rule.match({ event, lookups: options.lookups });
      if (hit !== null) {
        signals.push(cloudTrailHitToSignal(rule, event, hit));
        if (hit.createdKey !== undefined) {
          createdKeys.push(hit.createdKey);
        }
      }
    } catch (error) {
      if (isDatabaseFailure(error)) {
        throw error;
      }
      // One malformed record must not stop detection for the rest of the batch.
      options.log.error({ err: error, ruleId: rule.id, eventId: event.naturalId }, "rule failed on an event; skipped");
    }
  }
  return { signals, createdKeys };
}

async function evaluatePage(page: CandidateEvent[], options: EvaluateRulesOptions): Promise<SavedSignal[]> {
  const signals: SignalInput[] = [];
  const createdKeys: CreatedAccessKey[] = [];
  const results: Array<{ signals: SignalInput[]; createdKeys: CreatedAccessKey[] }> = [];
  try {
    await options.lookups.prefetchNovelty?.(page);
  } catch (error) {
    // The checks then read their rows one at a time, as without the read-ahead.
    options.log.warn({ err: error }, "reading baseline rows ahead failed; reading them one at a time");
  }
  await forEachConcurrently(page, CONCURRENCY, async (event, index) => {
    const rules = options.rules.filter(
      (rule) => rule.eventNames.includes(event.eventName) || (rule.candidates?.accepts(event) ?? false),
    );
    results[index] = await evaluateEvent(event, rules, options);
  });
  // Kept by event index, so the signals come out in page order whatever order the events finish in.
  for (const result of results) {
    signals.push(...result.signals);
    createdKeys.push(...result.createdKeys);
  }
  // Keys are recorded even when their signal already existed, so a run
  // repairs lineage that an earlier, interrupted run did not write.
  await recordCreatedKeys(createdKeys);
  return saveSignals(signals);
}

/** Evaluates rules on the selected events and saves their signals; returns the new and re-scored ones. */
export async function evaluateCloudTrailRules(options: EvaluateRulesOptions): Promise<SavedSignal[]> {
  const eventNames = [...new Set(options.rules.flatMap((rule) => rule.eventNames))];
  const extraConditions = options.rules.flatMap((rule) => (rule.candidates === undefined ? [] : [rule.candidates.sql]));
  const evaluated = options.evaluated ?? new Set<string>();
  const saved: SavedSignal[] = [];
  for (const selection of options.selections) {
    for await (const page of loadCandidateEvents({ eventNames, extraConditions, selection })) {
      const fresh = page.filter((event) => !evaluated.has(event.id));
      for (const event of fresh) {
        evaluated.add(event.id);
      }
      saved.push(...(await evaluatePage(fresh, options)));
    }
  }
  return saved;
}
