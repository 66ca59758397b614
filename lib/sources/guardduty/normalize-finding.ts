import type { Rejection } from "@/lib/ingest/types";
import {
  get,
  getBoolean,
  getNumber,
  getObject,
  getString,
  isObject,
  joinPath,
  type JsonObject,
  spelledKey,
} from "@/lib/sources/common/json-fields";
import { isCloudTrailDetailType } from "@/lib/sources/cloudtrail/unwrap-eventbridge";
import { unreadDetailTypeReason } from "@/lib/sources/common/eventbridge-detail-type";
import { parseTimestamp } from "@/lib/sources/common/parse-timestamp";
import { collectRemoteActors } from "./collect-remote-actors";
import { GUARDDUTY_DETAIL_TYPE, isEventBridgeEvent, unwrapEventBridge } from "./extract-findings";
import { phaseForFindingType } from "./phase-for-finding-type";
import { readApiCall, readBuckets, readInstance, readPrincipal } from "./read-resource";
import { severityLabel } from "./severity";
import type { FindingEnvelope, GuardDutyFinding, SeverityLabel } from "./types";

export interface NormalizeFindingInput {
  /** One finding, or an EventBridge event carrying one. */
  value: unknown;
  /** The finding's bytes as read; re-serialised from `value` when absent. */
  raw?: Buffer | string;
  /** JSON path of `value` in its file (`Findings[3]`), used in rejections. */
  path?: string;
  /** Index of the finding in its file, for `Rejection.recordIndex`. */
  index?: number;
  envelope?: FindingEnvelope | null;
}

export type NormalizeFindingResult = { finding: GuardDutyFinding } | { rejection: Rejection };

export function normalizeGuardDutyFinding(input: NormalizeFindingInput): NormalizeFindingResult {
  const reject = (field: string | null, reason: string): NormalizeFindingResult => ({
    rejection: { recordIndex: input.index ?? null, field, reason, raw: rawBytes(input) },
  });
  let { value, path = "", envelope = null } = input;
  if (isEventBridgeEvent(value)) {
    const inner = unwrapEventBridge(value, path);
    if (inner === null) {
      const kind = String((value as JsonObject)["detail-type"]);
      if (kind === GUARDDUTY_DETAIL_TYPE) {
        return reject(joinPath(path, "detail"), "expected an object holding the GuardDuty finding");
      }
      const reason = isCloudTrailDetailType(kind)
        ? `EventBridge event '${kind}' is not a '${GUARDDUTY_DETAIL_TYPE}'`
        : unreadDetailTypeReason(kind);
      return reject(joinPath(path, "detail-type"), reason);
    }
    ({ value, path, envelope } = inner);
  }
  if (!isObject(value)) {
    return reject(path || null, `expected a GuardDuty finding object, got ${describe(value)}`);
  }
  const id = getString(value, "id");
  if (id === null) {
    return reject(fieldPath(value, path, "id"), "finding has no id");
  }
  const type = getString(value, "type");
  if (type === null) {
    return reject(fieldPath(value, path, "type"), `finding ${id} has no type`);
  }
  const severity = readSeverity(value);
  if (!severity.ok) {
    const key = spelledKey(value, "severity");
    return reject(fieldPath(value, path, "severity"), `finding ${id}: ${key} is ${severity.shown}, ${severity.expected}`);
  }
  const fields = { id, type, severity: severity.value, severityLabel: severity.label };
  return { finding: buildFinding(value, fields, envelope, rawBytes({ ...input, value })) };
}

function buildFinding(
  record: JsonObject,
  { id, type, severity, severityLabel }: { id: string; type: string; severity: number; severityLabel: SeverityLabel },
  envelope: FindingEnvelope | null,
  raw: Buffer,
): GuardDutyFinding {
  const warnings: string[] = [];
  const service = getObject(record, "service");
  const resource = getObject(record, "resource");
  const action = getObject(service, "action");
  const time = (owner: unknown, name: string, label: string): Date | null => {
    const parsed = parseTimestamp(get(owner, name));
    if (!parsed.ok) {
      warnings.push(`${label}: ${parsed.reason}`);
      return null;
    }
    return parsed.date;
  };
  return {
    id,
    arn: getString(record, "arn"),
    type,
    title: getString(record, "title"),
    description: getString(record, "description"),
    severity,
    severityLabel,
    accountId: getString(record, "accountId"),
    region: getString(record, "region"),
    partition: getString(record, "partition"),
    createdAt: time(record, "createdAt", "createdAt"),
    updatedAt: time(record, "updatedAt", "updatedAt"),
    eventFirstSeen: time(service, "eventFirstSeen", "service.eventFirstSeen"),
    eventLastSeen: time(service, "eventLastSeen", "service.eventLastSeen"),
    count: getNumber(service, "count"),
    sample: isSample(get(service, "additionalInfo", "sample")),
    archived: getBoolean(service, "archived"),
    resourceType: getString(resource, "resourceType"),
    principal: readPrincipal(resource),
    instance: readInstance(resource),
    s3Buckets: readBuckets(resource),
    actionType: getString(action, "actionType"),
    api: readApiCall(action),
    remoteActors: collectRemoteActors(action, warnings),
    phase: phaseForFindingType(type),
    warnings,
    record,
    raw,
    envelope,
  };
}

const MAX_SEVERITY = 10;
const SEVERITY_RANGE = "expected a number from 0 to 10 (GuardDuty's severity range)";

type SeverityResult =
  | { ok: true; value: number; label: SeverityLabel }
  | { ok: false; shown: string; expected: string };

/**
 * GuardDuty gives severity as a number from 1.0 to 10.0, and earlier versions
 * reserved 0 and 9.0 to 10.0 (User Guide, "Severity levels of GuardDuty
 * findings"). Exports may write it as text ("2.0"). A label ("HIGH") or a value
 * outside 0 to 10 is an error, because the severity band and the score of the
 * finding's signal come from the number. A finding without a severity is
 * rejected too. GuardDuty gives every finding one, so a record without it is
 * damaged or was not written by GuardDuty, and its band would be a guess.
 */
function readSeverity(record: JsonObject): SeverityResult {
  const raw = get(record, "severity");
  if (raw === undefined || raw === null) {
    const expected =
      `${SEVERITY_RANGE}. GuardDuty gives every finding a severity, ` +
      "so this record is damaged or was not written by GuardDuty";
    return { ok: false, shown: raw === null ? "null" : "missing", expected };
  }
  const severity = getNumber(record, "severity");
  const inRange = severity !== null && severity >= 0 && severity <= MAX_SEVERITY;
  const label = inRange ? severityLabel(severity) : null;
  if (severity === null || label === null) {
    return { ok: false, shown: JSON.stringify(raw) ?? String(raw), expected: SEVERITY_RANGE };
  }
  return { ok: true, value: severity, label };
}

/** CreateSampleFindings marks its output with additionalInfo.sample, a boolean or "true". */
function isSample(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.trim().toLowerCase() === "true");
}

/** Names a field in the casing the record uses (`Findings[0].Id` for SDK output). */
function fieldPath(record: JsonObject, path: string, name: string): string {
  return joinPath(path, spelledKey(record, name));
}

function rawBytes(input: NormalizeFindingInput): Buffer {
  if (input.raw !== undefined) {
    return Buffer.isBuffer(input.raw) ? input.raw : Buffer.from(input.raw, "utf8");
  }
  return Buffer.from(JSON.stringify(input.value) ?? "", "utf8");
}

function describe(value: unknown): string {
  return Array.isArray(value) ? "an array" : value === null ? "null" : typeof value;
}
