import { ATTACK_RULES, STREAM_RULES } from "@/lib/detect/rules";
import type { CloudTrailRule, StreamEvent, StreamRule } from "@/lib/detect/rules/rule-types";

import type { EvalEvent } from "./build-eval-events";
import { createIsolatedLookups } from "./create-isolated-lookups";

/** Rule hits in a sample: for each rule id, the natural ids of the events it fired on. */
export type RuleHits = Map<string, Set<string>>;

function addHit(hits: RuleHits, ruleId: string, naturalId: string): void {
  const set = hits.get(ruleId) ?? new Set<string>();
  set.add(naturalId);
  hits.set(ruleId, set);
}

function groupKey(rule: StreamRule, event: StreamEvent): string | null {
  return rule.groupBy === "principal" ? event.principalKey : event.accessKeyId;
}

async function runStreamRule(rule: StreamRule, events: readonly EvalEvent[], hits: RuleHits): Promise<void> {
  const groups = new Map<string, StreamEvent[]>();
  for (const { stream } of events) {
    const key = groupKey(rule, stream);
    if (key !== null && rule.accepts(stream)) {
      groups.set(key, [...(groups.get(key) ?? []), stream]);
    }
  }
  const lookups = createIsolatedLookups([]);
  for (const group of groups.values()) {
    group.sort((a, b) => a.eventTime.getTime() - b.eventTime.getTime() || Number(a.id) - Number(b.id));
    for (const hit of await rule.detect(group, lookups)) {
      addHit(hits, rule.id, hit.event.naturalId);
    }
  }
}

/**
 * Runs the attack and stream rules over one sample's events without a
 * database, as detection would run them on a fresh account.
 */
export async function runRulesInMemory(
  events: readonly EvalEvent[],
  rules: { event: readonly CloudTrailRule[]; stream: readonly StreamRule[] } = { event: ATTACK_RULES, stream: STREAM_RULES },
): Promise<RuleHits> {
  const hits: RuleHits = new Map();
  const lookups = createIsolatedLookups(events.map((event) => event.candidate));
  for (const { candidate } of events) {
    for (const rule of rules.event) {
      if (!rule.eventNames.includes(candidate.eventName) && !(rule.candidates?.accepts(candidate) ?? false)) {
        continue;
      }
      if ((await rule.match({ event: candidate, lookups })) !== null) {
        addHit(hits, rule.id, candidate.naturalId);
      }
    }
  }
  for (const rule of rules.stream) {
    await runStreamRule(rule, events, hits);
  }
  return hits;
}
