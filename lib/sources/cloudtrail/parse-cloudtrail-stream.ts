/**
 * Reads a CloudTrail file (delivery file, Insights file, bare array, JSON Lines or
 * EventBridge envelopes) from a stream of decompressed bytes and yields one
 * ParsedItem per record. A record that fails validation, is not valid JSON or
 * UTF-8, or is too large or too deeply nested becomes a rejection, and the
 * records around it are still yielded. A structural error between records
 * (where the next record cannot be found) ends the file with one rejection that
 * names the byte offset and the record index.
 */
import type { Readable } from "node:stream";

import { checkRecordBytes, checkRecordValue } from "@/lib/ingest/check-record-limits";
import { InputError } from "@/lib/ingest/open-input";
import { JsonSplitError, splitJsonRecords, type JsonElement } from "@/lib/ingest/split-json-records";
import type { ParsedItem } from "@/lib/ingest/types";

import { normalizeCloudTrailRecord } from "./normalize-record";
import { isCloudTrailDetailType, isEventBridgeEnvelope, unwrapEventBridge } from "./unwrap-eventbridge";

export interface ParseCloudTrailOptions {
  stream: Readable | AsyncIterable<Buffer> | Iterable<Buffer>;
  /** Names the file in messages (a path, an S3 key, "upload"). */
  fileLabel: string;
  maxElementBytes?: number;
}

const DIGEST_KEYS = ["digestPublicKeyFingerprint", "digestSignatureAlgorithm", "logFiles"];

export async function* parseCloudTrailStream(
  options: ParseCloudTrailOptions,
): AsyncGenerator<ParsedItem, void, undefined> {
  const { fileLabel } = options;
  const elements = splitJsonRecords(options.stream, { maxElementBytes: options.maxElementBytes });
  let next = 0;
  try {
    for await (const element of elements) {
      next = element.index + 1;
      yield parseElement(element, fileLabel);
    }
  } catch (error) {
    yield fileRejection(error, fileLabel, next);
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
function parseElement(element: JsonElement, fileLabel: string): ParsedItem {
  const base = { raw: element.bytes, index: element.index };
  const encoding = checkRecordBytes(element.bytes, element.path, element.size);
  if (encoding) {
    return reject(base, encoding.field, `${fileLabel}: ${encoding.reason}`);
  }
  const value = parseJson(element);
  if (!value.ok) {
    return syntaxRejection(element, fileLabel, value.error);
  }
  const limits = checkRecordValue(value.value, element.bytes, element.path);
  if (limits) {
    return reject(base, limits.field, `${fileLabel}: ${limits.reason}`);
  }
  return parseValue(value.value, element, fileLabel);
}

function parseJson(element: JsonElement): { ok: true; value: unknown } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: JSON.parse(element.bytes.toString("utf8")) };
  } catch (error) {
    return { ok: false, error };
  }
}

function parseValue(value: unknown, element: JsonElement, fileLabel: string): ParsedItem {
  const base = { raw: element.bytes, path: element.path, index: element.index };
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const json = value as Record<string, unknown>;
    if (isEventBridgeEnvelope(json)) {
      return parseEnvelope(json, base);
    }
    if (element.container === "object" && DIGEST_KEYS.some((key) => key in json)) {
      return reject(base, null, `${fileLabel} is a CloudTrail digest file: it lists log files and holds no events`);
    }
  }
  return toItem(normalizeCloudTrailRecord({ record: value, ...base }), element.index);
}

function parseEnvelope(
  json: Record<string, unknown>,
  base: { raw: Buffer; path: string; index: number },
): ParsedItem {
  const unwrapped = unwrapEventBridge(json);
  if (!unwrapped) {
    const detailType = String(json["detail-type"]);
    const reason = isCloudTrailDetailType(detailType)
      ? `${base.path}.detail: expected an object holding the CloudTrail record`
      : `${base.path}: EventBridge event of detail-type "${detailType}" is not a CloudTrail event`;
    return reject(base, isCloudTrailDetailType(detailType) ? `${base.path}.detail` : `${base.path}.detail-type`, reason);
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

function syntaxRejection(element: JsonElement, fileLabel: string, error: unknown): ParsedItem {
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
        `${fileLabel}: invalid JSON in ${element.path} ${where} ` +
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

function fileRejection(error: unknown, fileLabel: string, next: number): ParsedItem {
  if (error instanceof JsonSplitError) {
    const problem = SPLIT_PROBLEMS[error.code];
    return {
      type: "reject",
      rejection: {
        recordIndex: error.recordIndex,
        field: null,
        reason: `${fileLabel}: ${problem}: ${error.message}. Stopped reading the file.`,
        raw: null,
        stopsFile: true,
      },
    };
  }
  if (error instanceof InputError) {
    return {
      type: "reject",
      rejection: { recordIndex: next, field: null, reason: `${error.message}. Stopped reading the file.`, raw: null, stopsFile: true },
    };
  }
  throw error;
}

function reject(base: { raw: Buffer; index: number }, field: string | null, reason: string): ParsedItem {
  return { type: "reject", rejection: { recordIndex: base.index, field, reason, raw: base.raw } };
}
