import { get, isObject, joinPath, keyOf } from "@/lib/sources/common/json-fields";
import type { FindingEnvelope } from "./types";

/** One candidate finding, with its JSON path inside the value it came from. */
export interface ExtractedFinding {
  value: unknown;
  path: string;
  envelope: FindingEnvelope | null;
}

export const GUARDDUTY_DETAIL_TYPE = "GuardDuty Finding";

/**
 * Pulls the findings out of any shape GuardDuty output arrives in:
 * - `aws guardduty get-findings` / SDK output: `{"Findings": [...]}` or `{"findings": [...]}`;
 * - a JSON array of findings (or of such outputs);
 * - an EventBridge event (`detail-type: "GuardDuty Finding"`): the finding is `detail`;
 * - a single finding, which is also what one line of an S3 export (JSON Lines) holds.
 * Anything else is returned as one candidate, so that normalisation rejects it with a
 * reason instead of it vanishing.
 */
export function extractFindings(value: unknown, path = ""): ExtractedFinding[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => extractFindings(item, joinPath(path, i)));
  }
  if (!isObject(value)) {
    return [{ value, path, envelope: null }];
  }
  const listKey = keyOf(value, "findings");
  if (listKey !== null && Array.isArray(value[listKey])) {
    return extractFindings(value[listKey], joinPath(path, listKey));
  }
  const unwrapped = unwrapEventBridge(value, path);
  return [unwrapped ?? { value, path, envelope: null }];
}

/** True for anything carrying EventBridge's `detail-type`. */
export function isEventBridgeEvent(value: unknown): boolean {
  return isObject(value) && typeof value["detail-type"] === "string";
}

/**
 * The finding inside a GuardDuty EventBridge event, or null when `value` is not one.
 * The envelope `id` identifies the delivery, never the finding.
 */
export function unwrapEventBridge(value: unknown, path: string): ExtractedFinding | null {
  if (!isEventBridgeEvent(value) || !isObject(value)) {
    return null;
  }
  if (value["detail-type"] !== GUARDDUTY_DETAIL_TYPE || !isObject(value.detail)) {
    return null;
  }
  return {
    value: value.detail,
    path: joinPath(path, "detail"),
    envelope: {
      id: text(get(value, "id")),
      time: text(get(value, "time")),
      source: text(get(value, "source")),
    },
  };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}
