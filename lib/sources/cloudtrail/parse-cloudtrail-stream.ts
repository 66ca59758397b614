/**
 * Reads a CloudTrail file (delivery file, Insights file, bare array, JSON Lines or
 * EventBridge envelopes) from a stream of decompressed bytes and yields one
 * ParsedItem per record. A record that fails validation, is not valid JSON or
 * UTF-8, or is too large or too deeply nested becomes a rejection, and the
 * records around it are still yielded. A structural error between records
 * (where the next record cannot be found) ends the file with one rejection that
 * names the byte offset and the record index. The reasons of rejected records
 * do not name the file, because each rejection is stored with the file's path.
 */
import type { Readable } from "node:stream";

import { checkRecordBytes, checkRecordValue } from "@/lib/ingest/check-record-limits";
import { describeStoppedInput, InputError } from "@/lib/ingest/open-input";
import {
  JsonSplitError,
  splitJsonRecords,
  type JsonElement,
  type UnfinishedRecord,
} from "@/lib/ingest/split-json-records";
import type { ParsedItem } from "@/lib/ingest/types";
import { unreadDetailTypeReason } from "@/lib/sources/common/eventbridge-detail-type";
import { isObject } from "@/lib/sources/common/json-fields";
import { GUARDDUTY_DETAIL_TYPE } from "@/lib/sources/guardduty/extract-findings";

import { normalizeCloudTrailRecord } from "./normalize-record";
import { isCloudTrailDetailType, isEventBridgeEnvelope, unwrapEventBridge } from "./unwrap-eventbridge";

export interface ParseCloudTrailOptions {
  stream: Readable | AsyncIterable<Buffer> | Iterable<Buffer>;
  /** Names the file in the reasons that concern the whole file (a path, an S3 key, "upload"). */
  fileLabel: string;
  maxElementBytes?: number;
}

/**
 * A GuardDuty finding that EventBridge delivered among CloudTrail events,
 * with its parsed event, left to the GuardDuty reader to store.
 */
export interface FindingEventItem {
  type: "finding-event";
  element: JsonElement;
  event: Record<string, unknown>;
}

/** Handling of a GuardDuty Finding EventBridge event: a rejection, or a FindingEventItem. */
type FindingEvents = "reject" | "yield";

const DIGEST_KEYS = ["digestPublicKeyFingerprint", "digestSignatureAlgorithm", "logFiles"];

export function parseCloudTrailStream(
  options: ParseCloudTrailOptions & { findingEvents?: "reject" },
): AsyncGenerator<ParsedItem, void, undefined>;
export function parseCloudTrailStream(
  options: ParseCloudTrailOptions & { findingEvents: "yield" },
): AsyncGenerator<ParsedItem | FindingEventItem, void, undefined>;
export async function* parseCloudTrailStream(
  options: ParseCloudTrailOptions & { findingEvents?: FindingEvents },
): AsyncGenerator<ParsedItem | FindingEventItem, void, undefined> {
  const { fileLabel } = options;
  const findingEvents = options.findingEvents ?? "reject";
  const elements = splitJsonRecords(options.stream, { maxElementBytes: options.maxElementBytes });
  try {
    for await (const element of elements) {
      yield parseElement(element, findingEvents);
    }
  } catch (error) {
    yield fileRejection(error, elements.cutRecord);
    return;
  }
  if (elements.shape.container === null) {
    yield {
      type: "reject",
      rejection: { recordIndex: null, field: null, reason: `${fileLabel} is empty: it holds no JSON value`, raw: null },
    };
  }
}

/**
 * The splitter has found this record's end by its brackets and strings, so a
 * syntax error inside it leaves the next record's start where it was.
 */
function parseElement(element: JsonElement, findingEvents: FindingEvents): ParsedItem | FindingEventItem {
  const base = { raw: element.bytes, index: element.index };
  const encoding = checkRecordBytes(element.bytes, element.path, element.size);
  if (encoding) {
    return reject(base, encoding.field, encoding.reason);
  }
  const value = parseJson(element);
  if (!value.ok) {
    return syntaxRejection(element, value.error);
  }
  const limits = checkRecordValue(value.value, element.bytes, element.path);
  if (limits) {
    return reject(base, limits.field, limits.reason);
  }
  const json = value.value;
  if (findingEvents === "yield" && isObject(json) && json["detail-type"] === GUARDDUTY_DETAIL_TYPE) {
    return { type: "finding-event", element, event: json };
  }
  return parseValue(json, element);
}

function parseJson(element: JsonElement): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(element.bytes.toString("utf8")) };
  } catch (error) {
    return { ok: false, error };
  }
}

function parseValue(value: unknown, element: JsonElement): ParsedItem {
  const base = { raw: element.bytes, path: element.path, index: element.index };
  if (isObject(value)) {
    if (isEventBridgeEnvelope(value)) {
      return parseEnvelope(value, base);
    }
    if (element.container === "object" && DIGEST_KEYS.some((key) => key in value)) {
      return reject(base, null, "the file is a CloudTrail digest file: it lists log files and holds no events");
    }
  }
  return toItem(normalizeCloudTrailRecord({ record: value, ...base }), element.index);
}

/**
 * Reads the CloudTrail record of an EventBridge event that another reader
 * found among the elements of its file: a CloudTrail event in a batch that
 * starts with GuardDuty findings.
 */
export function parseCloudTrailEvent(event: Record<string, unknown>, element: JsonElement): ParsedItem {
  return parseEnvelope(event, { raw: element.bytes, path: element.path, index: element.index });
}

function parseEnvelope(
  json: Record<string, unknown>,
  base: { raw: Buffer; path: string; index: number },
): ParsedItem {
  const unwrapped = unwrapEventBridge(json);
  if (!unwrapped) {
    const detailType = String(json["detail-type"]);
    if (isCloudTrailDetailType(detailType)) {
      return reject(base, `${base.path}.detail`, `${base.path}.detail: expected an object holding the CloudTrail record`);
    }
    const reason =
      detailType === GUARDDUTY_DETAIL_TYPE
        ? `EventBridge event of detail-type "${detailType}" is not a CloudTrail event`
        : unreadDetailTypeReason(detailType);
    return reject(base, `${base.path}.detail-type`, `${base.path}: ${reason}`);
  }
  const result = normalizeCloudTrailRecord({
    record: unwrapped.record,
    ...base,
    path: `${base.path}.detail`,
    envelope: unwrapped.envelope,
  });
  return toItem(result, base.index);
}

function toItem(
  result: ReturnType<typeof normalizeCloudTrailRecord>,
  index: number,
): ParsedItem {
  return "event" in result
    ? { type: "cloudtrail", index, event: result.event }
    : { type: "reject", rejection: result.rejection };
}

function syntaxRejection(element: JsonElement, error: unknown): ParsedItem {
  const detail = error instanceof Error ? error.message : String(error);
  // V8 names the position for some syntax errors only; otherwise point at the
  // start of the record, which is exact enough to find it in the file.
  const position = /position (\d+)/.exec(detail);
  const where = position
    ? `at byte offset ${element.offset + Number(position[1])}`
    : `in the record starting at byte offset ${element.offset}`;
  return {
    type: "reject",
    rejection: {
      recordIndex: element.index,
      field: null,
      reason:
        `invalid JSON in ${element.path} ${where} ` +
        `(record index ${element.index}): ${detail}`,
      raw: element.bytes,
    },
  };
}

const SPLIT_PROBLEMS: Record<JsonSplitError["code"], string> = {
  syntax: "invalid JSON",
  truncated: "truncated JSON",
  "too-large": "record too large",
};

/** Returns the rejection that stops the file. `cut` is the record that a failed input may have cut short. */
function fileRejection(error: unknown, cut: UnfinishedRecord | null): ParsedItem {
  if (error instanceof JsonSplitError) {
    const problem = SPLIT_PROBLEMS[error.code];
    return {
      type: "reject",
      rejection: {
        recordIndex: error.recordIndex,
        field: null,
        reason: `${problem}: ${error.message}. Stopped reading the file.`,
        raw: null,
        stopsFile: true,
      },
    };
  }
  if (error instanceof InputError) {
    // The record cut short is named by its index, with the bytes read of a
    // JSON Lines line. When the input failed between records, as at a missing
    // gzip trailer, the file is rejected as a whole, so that no record is
    // counted that the data does not show.
    return {
      type: "reject",
      rejection: {
        recordIndex: cut?.index ?? null,
        field: null,
        reason: describeStoppedInput(error),
        raw: cut?.bytes ?? null,
        stopsFile: true,
      },
    };
  }
  throw error;
}

function reject(base: { raw: Buffer; index: number }, field: string | null, reason: string): ParsedItem {
  return { type: "reject", rejection: { recordIndex: base.index, field, reason, raw: base.raw } };
}
