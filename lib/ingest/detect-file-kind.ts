/**
 * Decides what a file is, from its first decompressed bytes first and its key
 * second: people rename and re-compress files, but content does not lie.
 */
import {
  classifyJsonValue,
  describeUnrecognised,
  isCloudTrailRecord,
  isGuardDutyFinding,
  isObject,
  resemblesCloudTrailRecord,
  type ValueKind,
} from "./classify-json-value";
import { detectFlowLogText } from "./detect-flow-log-text";
import { isGzip } from "./open-input";
import { parseS3Key } from "./parse-s3-key";
import { splitJsonBuffer, type JsonElement, type SplitShape } from "./split-json-records";
import type { FileKind } from "./types";

export interface DetectedKind {
  kind: FileKind;
  reason: string;
}

/** Recommended size of `head`. */
export const DETECT_HEAD_BYTES = 64 * 1024;

const EXPECTED =
  "expected a CloudTrail delivery file ({\"Records\": [...]} of records with eventVersion and eventID), " +
  "a CloudTrail digest (digestPublicKeyFingerprint, logFiles), " +
  "EventBridge envelopes (detail-type \"... via CloudTrail\" or \"GuardDuty Finding\"), " +
  "CloudTrail records as a JSON array or JSON Lines, " +
  "GuardDuty findings (a Findings array, or findings with schemaVersion, type and severity), " +
  "VPC flow log text (a header of field names or the 14-field default format) or Parquet, " +
  "or an IAM Access Advisor report (ServicesLastAccessed, EntityDetailsList, AccessDetails with JobStatus)";

export function detectFileKind({ key, head }: { key: string; head: Buffer }): DetectedKind {
  const start = firstContentByte(head);
  if (isGzip(head)) {
    return unknown("the content is still gzip-compressed; pass the decompressed bytes");
  }
  if (head.subarray(0, 4).toString("latin1") === "PAR1") {
    // VPC Flow Logs is the only AWS source here that delivers Parquet; the
    // reader rejects a file whose columns are not flow log fields.
    return { kind: "vpcflow-parquet", reason: "content: an Apache Parquet file, read as VPC flow logs" };
  }
  if (start < 0) {
    return fromKey(key, "the content is empty") ?? unknown("the content is empty");
  }
  const first = head[start];
  if (first === 0x7b || first === 0x5b) {
    return detectJson(head, key);
  }
  const flow = detectFlowLogText(head);
  if (flow) {
    return { kind: "vpcflow", reason: `content: ${flow}` };
  }
  return unknown(`the content is neither JSON nor flow log text (it starts with ${quoteStart(head, start)})`);
}

function detectJson(head: Buffer, key: string): DetectedKind {
  const { elements, shape, error } = splitJsonBuffer(head, { maxElementBytes: head.length + 1 });
  const byContent = fromShape(shape, elements);
  if (byContent) {
    return byContent.kind === "unknown"
      ? unknown(byContent.reason)
      : { kind: byContent.kind, reason: `content: ${byContent.reason}` };
  }
  // The head ended before anything telling: fall back on the key, then on names.
  // Nothing before a syntax error shows what the file is, so the error itself is the reason.
  const syntax = elements.length === 0 && error?.code === "syntax" ? `invalid JSON before the first record: ${error.message}` : null;
  return fromKey(key, "the first record does not fit in the bytes read") ?? fromText(head) ??
    unknown(syntax ?? "the JSON read so far holds no recognisable record");
}

function fromShape(shape: SplitShape, elements: JsonElement[]): ValueKind | null {
  const sample = elements.slice(0, 5).map((e) => parseOrNull(e.bytes));
  if (shape.container === "Records" || shape.container === "Findings") {
    return fromStreamedArray(shape.container, sample, shape);
  }
  if (sample.length > 0) {
    const kind = classifyJsonValue(sample[0]) ?? laterCloudTrailRecord(sample);
    if (kind?.kind === "cloudtrail" && shape.container !== "object") {
      return { kind: "cloudtrail", reason: `CloudTrail records as ${containerName(shape)}` };
    }
    if (kind?.kind === "accessAdvisor" && shape.container !== "object") {
      return null;
    }
    if (kind && kind.kind !== "unknown" && shape.container !== "object") {
      return { kind: kind.kind, reason: `${containerName(shape)} whose first element is ${kind.reason}` };
    }
    return kind ?? { kind: "unknown", reason: `the first record is ${describeUnrecognised(sample[0])}` };
  }
  // A single object larger than the head: judge it by its first keys.
  const partial: Record<string, unknown> = {};
  for (const k of shape.keys) {
    partial[k] = k in shape.scalars ? shape.scalars[k] : {};
  }
  return shape.keys.length > 0 ? classifyJsonValue(partial) : null;
}

function fromStreamedArray(container: string, sample: unknown[], shape: SplitShape): ValueKind | null {
  const first = sample[0];
  if (container === "Records") {
    // A first record that misses a field is still CloudTrail's, and is rejected by the parser with the field named.
    if (sample.some((value) => isObject(value) && (isCloudTrailRecord(value) || resemblesCloudTrailRecord(value)))) {
      return { kind: "cloudtrail", reason: "a Records array of CloudTrail records (eventVersion, eventID)" };
    }
    if (first === undefined && shape.documents > 0) {
      return { kind: "cloudtrail", reason: "an empty Records array" };
    }
  } else {
    if (isObject(first) && isGuardDutyFinding(first)) {
      return { kind: "guardduty", reason: "a Findings array of GuardDuty findings" };
    }
    if (first === undefined && shape.documents > 0) {
      return { kind: "guardduty", reason: "an empty Findings array" };
    }
  }
  if (first === undefined) {
    return null;
  }
  return { kind: "unknown", reason: `a ${container} array whose first element is ${describeUnrecognised(first)}` };
}

/** Recognises CloudTrail records among the first elements when the first one is not recognised. */
function laterCloudTrailRecord(sample: unknown[]): ValueKind | null {
  const found = sample.slice(1).some((value) => isObject(value) && isCloudTrailRecord(value));
  return found ? { kind: "cloudtrail", reason: "a CloudTrail record (eventVersion, eventID)" } : null;
}

function fromKey(key: string, why: string): DetectedKind | null {
  const info = parseS3Key(key);
  const byName = info?.kind ?? kindFromFileName(key);
  if (!byName) {
    return null;
  }
  const kind: FileKind = byName === "cloudtrail-insight" ? "cloudtrail" : byName;
  return { kind, reason: `${why}; the key follows the AWS layout for ${byName}` };
}

function kindFromFileName(key: string): "cloudtrail" | "cloudtrail-digest" | "vpcflow" | null {
  const name = key.split(/[\\/]/).pop() ?? "";
  if (/_CloudTrail-Digest_/.test(name)) {
    return "cloudtrail-digest";
  }
  if (/_CloudTrail(-Insight)?_/.test(name)) {
    return "cloudtrail";
  }
  return /_vpcflowlogs_/.test(name) ? "vpcflow" : null;
}

function fromText(head: Buffer): DetectedKind | null {
  // Last resort for a first record bigger than the head.
  const text = head.toString("utf8");
  const records = /^\s*\{\s*"Records"\s*:\s*\[\s*\{/.test(text);
  const named = /"eventVersion"\s*:/.test(text) && /"event(ID|Time)"\s*:/.test(text);
  if (records && named && !/"eventSource"\s*:\s*"aws:/.test(text)) {
    return {
      kind: "cloudtrail",
      reason: "content: a Records array whose first record, larger than the bytes read, names eventVersion and eventTime",
    };
  }
  return null;
}

function containerName(shape: SplitShape): string {
  return shape.container === "lines" ? "JSON Lines" : "a JSON array";
}

function parseOrNull(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

function firstContentByte(head: Buffer): number {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) {
    i++;
  }
  return i < head.length ? i : -1;
}

function quoteStart(head: Buffer, start: number): string {
  const text = head.subarray(start, start + 40).toString("utf8").split(/\r?\n/)[0];
  return JSON.stringify(text);
}

function unknown(what: string): DetectedKind {
  return { kind: "unknown", reason: `${what}; ${EXPECTED}` };
}
