import { parseCloudTrailEvent } from "@/lib/sources/cloudtrail/parse-cloudtrail-stream";
import { isCloudTrailDetailType, isEventBridgeEnvelope } from "@/lib/sources/cloudtrail/unwrap-eventbridge";
import { get, isObject, joinPath, spelledKey } from "@/lib/sources/common/json-fields";
import { parseGuardDutyValue } from "@/lib/sources/guardduty/parse-guardduty-value";
import type { GuardDutyItem } from "@/lib/sources/guardduty/types";

import { checkRecordBytes, checkRecordValue } from "./check-record-limits";
import type { JsonElement } from "./split-json-records";
import type { ParsedItem, Rejection } from "./types";

/**
 * Content of one element of a GuardDuty file: findings and rejections, or a
 * CloudTrail event that EventBridge delivered in the same batch.
 */
export type GuardDutyElementContent =
  | { type: "findings"; items: GuardDutyItem[] }
  | { type: "cloudtrail"; item: ParsedItem };

// GuardDuty started in 2017; an earlier time is a wrong type read as epoch seconds or a bad export.
const EARLIEST_FINDING_TIME = Date.UTC(2015, 0, 1);

/** Parses one element of a GuardDuty file, after checking its encoding, size and depth. */
export function parseGuardDutyElement(element: JsonElement): GuardDutyElementContent {
  const reject = (field: string, reason: string): GuardDutyElementContent => ({
    type: "findings",
    items: [{ type: "reject", rejection: { recordIndex: element.index, field, reason, raw: element.bytes } }],
  });
  const encoding = checkRecordBytes(element.bytes, element.path, element.size);
  if (encoding) {
    return reject(encoding.field, encoding.reason);
  }
  let value: unknown;
  try {
    value = JSON.parse(element.bytes.toString("utf8"));
  } catch (error) {
    return reject(element.path, `${element.path}: invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const limits = checkRecordValue(value, element.bytes, element.path);
  if (limits) {
    return reject(limits.field, limits.reason);
  }
  if (isObject(value) && isEventBridgeEnvelope(value) && isCloudTrailDetailType(String(value["detail-type"]))) {
    return { type: "cloudtrail", item: parseCloudTrailEvent(value, element) };
  }
  return { type: "findings", items: parseFindingValue(value, element) };
}

/** Returns the findings and rejections of an element's parsed value, with fields named from the file's root. */
export function parseFindingValue(value: unknown, element: JsonElement): GuardDutyItem[] {
  return parseGuardDutyValue({ value, raw: element.bytes, startIndex: element.index }).map((item) =>
    item.type === "reject" ? { ...item, rejection: withElementPath(item.rejection, element) } : checkFindingTimes(item, element),
  );
}

/**
 * Rejects a finding whose bookkeeping times are missing or impossible, since
 * the timeline orders by them. The field is named as the input spells it
 * (`UpdatedAt` in PascalCase SDK output).
 */
function checkFindingTimes(item: GuardDutyItem, element: JsonElement): GuardDutyItem {
  if (item.type !== "guardduty") {
    return item;
  }
  const { finding } = item;
  for (const name of ["createdAt", "updatedAt"] as const) {
    const value = finding[name];
    if (value === null || value.getTime() < EARLIEST_FINDING_TIME) {
      const field = elementField(element, joinPath(item.path, spelledKey(finding.record, name)));
      const actual = value === null ? describeValue(get(finding.record, name)) : value.toISOString();
      const reason = `${field}: expected an ISO 8601 timestamp after 2015-01-01, got ${actual}`;
      return { type: "reject", rejection: { recordIndex: item.index, field, reason, raw: element.bytes } };
    }
  }
  return item;
}

/** Names a rejected field from the file's root: `Findings[1].Id`, `line 3.detail.severity`, `$.id`. */
function withElementPath(rejection: Rejection, element: JsonElement): Rejection {
  return { ...rejection, field: elementField(element, rejection.field ?? "") };
}

/**
 * Joins the element's path (`Findings[1]`, `line 3`, `$` for a single value)
 * and a field's path inside the element; an empty field names the element.
 */
function elementField(element: JsonElement, field: string): string {
  if (field === "") {
    return element.path;
  }
  return field.startsWith("[") ? `${element.path}${field}` : `${element.path}.${field}`;
}

function describeValue(value: unknown): string {
  return value === undefined ? "nothing" : (JSON.stringify(value) ?? String(value));
}
