import { pgPool } from "@/lib/db/client";
import { logger } from "@/lib/log";

import { createDetectionLookups } from "./detection-lookups";
import { evaluateCloudTrailRules } from "./evaluate-cloudtrail-rules";
import { evaluateStreamRules } from "./evaluate-stream-rules";
import { signalFlowExfiltration } from "./signal-flow-exfiltration";
import type { SavedSignal } from "./save-signals";
import type { CandidateSelection } from "./load-candidate-events";
import { readDetectionSettings } from "./read-detection-settings";
import { ATTACK_RULES, CONTAINMENT_RULES, STREAM_RULES } from "./rules";
import { signalGuardDutyFindings } from "./signal-guardduty-findings";

export interface RunDetectionOptions {
  /** Evaluate the events of this ingest batch; all events when neither filter is set. */
  batchId?: string;
  /** Evaluate events (and findings) from this event time on. */
  since?: Date;
}

/**
 * Selects the containment events within the correlation window of new attack
 * signals, because containment calls can arrive in an earlier batch than the
 * attack they respond to. Overlapping windows are merged into one range.
 */
function containmentWindows(signals: readonly SavedSignal[], windowMs: number): CandidateSelection[] {
  const times = signals.map((signal) => signal.eventTime.getTime()).sort((a, b) => a - b);
  const ranges: Array<{ from: number; to: number }> = [];
  for (const time of times) {
    const last = ranges.at(-1);
    if (last !== undefined && time - windowMs <= last.to) {
      last.to = time + windowMs;
    } else {
      ranges.push({ from: time - windowMs, to: time + windowMs });
    }
  }
  return ranges.map((range) => ({ kind: "window", from: new Date(range.from), to: new Date(range.to) }));
}

/**
 * Returns true when events of another batch are stored. Only then can a
 * batch have moved a principal's first seen back (see EXTENDED_HISTORY_SQL).
 * A first ingest into an empty database therefore skips that query, which
 * reads every event of the batch's principals (3 s for a million events).
 */
async function otherBatchesStoredEvents(batchId: string): Promise<boolean> {
  // Two range scans of the batch index, each ending at the first row found.
  const result = await pgPool().query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM events WHERE batch_id < $1::uuid)
         OR EXISTS (SELECT 1 FROM events WHERE batch_id > $1::uuid) AS found`,
    [batchId],
  );
  return result.rows[0]?.found ?? true;
}

/**
 * Evaluates the detection rules on CloudTrail events, VPC flow records and GuardDuty findings
 * and saves one signal per rule and event. Running again over the same
 * events adds nothing; a hit whose score changed updates its signal (see
 * save-signals.ts). Returns the number of signals inserted.
 */
export async function runDetection(options: RunDetectionOptions = {}): Promise<{ signals: number }> {
  const settings = readDetectionSettings();
  const log = logger.child({ component: "detect", batchId: options.batchId ?? null });
  const lookups = createDetectionLookups(settings);
  const filter: CandidateSelection = { kind: "filter", batchId: options.batchId, since: options.since };
  log.debug({ since: options.since?.toISOString() ?? null }, "detection started");

  const attackSelections: CandidateSelection[] = [filter];
  if (options.batchId !== undefined && (await otherBatchesStoredEvents(options.batchId))) {
    attackSelections.push({ kind: "extended-history", batchId: options.batchId, minHistoryMs: settings.minHistoryMs });
  }
  const eventSignals = await evaluateCloudTrailRules({ rules: ATTACK_RULES, selections: attackSelections, lookups, log });
  const streamSignals = await evaluateStreamRules({
    rules: STREAM_RULES,
    batchId: options.batchId,
    since: options.since,
    lookups,
    log,
  });
  const flowSignals = await signalFlowExfiltration({ batchId: options.batchId, since: options.since });
  const attackSignals = [...eventSignals, ...streamSignals, ...flowSignals];
  const findingSignals = await signalGuardDutyFindings({ since: options.since });

  const containmentSelections: CandidateSelection[] = [filter];
  if (options.batchId !== undefined) {
    containmentSelections.push(...containmentWindows([...attackSignals, ...findingSignals], settings.correlationWindowMs));
  }
  const containmentSignals = await evaluateCloudTrailRules({
    rules: CONTAINMENT_RULES,
    selections: containmentSelections,
    lookups,
    log,
  });

  const saved = [...attackSignals, ...findingSignals, ...containmentSignals];
  const inserted = saved.filter((signal) => signal.inserted).length;
  log.info({ inserted, rescored: saved.length - inserted }, "detection finished");
  return { signals: inserted };
}
