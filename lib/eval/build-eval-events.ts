import { cloudTrailEventToRow } from "@/lib/ingest/event-row";
import type { CandidateEvent, StreamEvent } from "@/lib/detect/rules/rule-types";
import { isObject, type JsonObject } from "@/lib/sources/common/json-fields";
import { normalizeCloudTrailRecord } from "@/lib/sources/cloudtrail/normalize-record";

/** A labelled record ready for the rules, as both a per-event candidate and a stream event. */
export interface EvalEvent {
  candidate: CandidateEvent;
  stream: StreamEvent;
}

export interface BuildEvalEventsResult {
  events: EvalEvent[];
  /** Records whose eventID or eventTime had to be filled in or reformatted. */
  repaired: number;
  /** Records the CloudTrail parser rejects even after repair, or without a principal. */
  unusable: number;
}

const EVAL_BATCH = "00000000-0000-4000-8000-000000000000";
// Panther's fixtures write times as "2025-01-21 17:49:47.000000000".
const SPACED_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/;

/**
 * Fills in what test fixtures leave out and no rule reads: a missing eventID
 * or eventTime, or a time written with a space instead of ISO 8601's `T`.
 * Returns null when nothing needed repair.
 */
function repairFixture(record: JsonObject, index: number): JsonObject | null {
  const repaired: JsonObject = { ...record };
  let changed = false;
  if (typeof record.eventID !== "string") {
    repaired.eventID = `eval-record-${index}`;
    changed = true;
  }
  const time = record.eventTime;
  const spaced = typeof time === "string" ? SPACED_TIME.exec(time) : null;
  if (spaced !== null) {
    repaired.eventTime = `${spaced[1]}T${spaced[2]}Z`;
    changed = true;
  } else if (typeof time !== "string") {
    repaired.eventTime = "2025-01-01T00:00:00Z";
    changed = true;
  }
  return changed ? repaired : null;
}

function toEvalEvent(record: JsonObject, index: number): EvalEvent | null {
  const raw = Buffer.from(JSON.stringify(record), "utf8");
  const result = normalizeCloudTrailRecord({ record, raw, path: "$", index });
  if ("rejection" in result) {
    return null;
  }
  const row = cloudTrailEventToRow(result.event, { batchId: EVAL_BATCH, fileId: null, recordIndex: index });
  if (row.principalKey === null || row.eventName === null) {
    return null;
  }
  const shared = {
    id: String(index),
    naturalId: row.naturalId,
    eventTime: row.eventTime,
    accountId: row.accountId,
    region: row.region,
    eventSource: row.eventSource,
    eventName: row.eventName,
    principalKey: row.principalKey,
    principalName: row.principalName,
    principalType: row.principalType,
    accessKeyId: row.accessKeyId,
    sourceIp: row.sourceIp,
    userAgent: row.userAgent,
    errorCode: row.errorCode,
  };
  return {
    candidate: { ...shared, principalArn: row.principalArn, record },
    stream: { ...shared, readOnly: row.readOnly },
  };
}

/** Parses labelled CloudTrail records as the ingest would, repairing fixture gaps first. */
export function buildEvalEvents(records: readonly unknown[]): BuildEvalEventsResult {
  const events: EvalEvent[] = [];
  let repaired = 0;
  let unusable = 0;
  records.forEach((value, index) => {
    if (!isObject(value)) {
      unusable += 1;
      return;
    }
    const fixed = repairFixture(value, index);
    repaired += fixed === null ? 0 : 1;
    const event = toEvalEvent(fixed ?? value, index);
    if (event === null) {
      unusable += 1;
    } else {
      events.push(event);
    }
  });
  return { events, repaired, unusable };
}
