/**
 * Validates one CloudTrail record and maps it to a CloudTrailEvent. Only the fields
 * Watchfloor relies on are checked; everything else (requestParameters,
 * responseElements, additionalEventData...) is kept as delivered, whatever its
 * JSON type, because services change those shapes freely.
 */
import { z } from "zod";

import { sanitizeNullableText, sanitizeText } from "@/lib/db/sanitize-text";
import type { Actor, CloudTrailEvent, Rejection } from "@/lib/ingest/types";

import { classifySourceAddress } from "./classify-source-address";
import { isIsoTimestamp, parseIsoTimestamp } from "./iso-timestamp";
import { accessKeyIdOf, resolveActor } from "./resolve-actor";
import type { EventBridgeEnvelope } from "./unwrap-eventbridge";

type Json = Record<string, unknown>;

const INSIGHT = "AwsCloudTrailInsight";
const REDACTED = Buffer.from('"HIDDEN_DUE_TO_SECURITY_REASONS"');

const required = z.string().min(1);
const optionalString = z.string().nullish();
// Identifiers go into btree indexes, whose entries cannot exceed about 2.7 KB,
// and AWS keeps them far shorter, so longer values are rejected as invalid.
const identifier = required.max(256);
const shortString = z.string().max(256).nullish();
const readOnly = z.union([z.boolean(), z.stringbool({ truthy: ["true"], falsy: ["false"], case: "insensitive" })]).nullish();

// Only the checked fields are copied into the parsed value (zod's default
// strip mode), because the event is built from the record itself. Copying
// every field, as looseObject does, took about 2 µs more per record
// (bench/measure-ingest-stages.ts, 25 against 23 µs for parse and normalise).
const recordSchema = z.object({
  eventID: identifier,
  eventTime: z.string().refine(isIsoTimestamp),
  eventName: identifier,
  eventSource: identifier,
  userIdentity: z.looseObject({}).nullish(),
  sourceIPAddress: optionalString,
  userAgent: optionalString,
  errorCode: shortString,
  errorMessage: optionalString,
  awsRegion: shortString,
  recipientAccountId: shortString,
  eventType: shortString,
  readOnly,
});

// Insights events name the API they are about in insightDetails, not at the top.
const insightSchema = recordSchema.extend({
  eventName: identifier.optional(),
  eventSource: identifier.optional(),
  insightDetails: z.looseObject({ eventName: identifier, eventSource: identifier }),
});

/** What each checked field should hold, for messages a person can act on. */
const EXPECTED: Record<string, string> = {
  eventTime: "an ISO 8601 timestamp",
  userIdentity: "an object",
  readOnly: "a boolean",
};

export interface NormalizeInput {
  record: unknown;
  /** Exact bytes of the record (or of its EventBridge envelope). */
  raw: Buffer;
  /** Location of the record in its file, e.g. `Records[3]`; `$` for a lone record. */
  path: string;
  index: number;
  envelope?: EventBridgeEnvelope | null;
}

export type NormalizeResult = { event: CloudTrailEvent } | { rejection: Rejection };

export function normalizeCloudTrailRecord(input: NormalizeInput): NormalizeResult {
  const { record, raw, path } = input;
  if (record === null || typeof record !== "object" || Array.isArray(record)) {
    return reject(input, path, `${path}: expected a JSON object, got ${describe(record)}`);
  }
  const json = record as Json;
  const schema = json.eventType === INSIGHT && json.eventName === undefined ? insightSchema : recordSchema;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Parse again asking zod to keep the offending values: that is slower, so it
    // is only done for records that failed.
    const detailed = schema.safeParse(json, { reportInput: true });
    return rejectIssues(input, detailed.error?.issues ?? parsed.error.issues);
  }
  const details = (json.insightDetails ?? {}) as Json;
  const { sourceIp, sourceService } = classifySourceAddress(json.sourceIPAddress);
  const actor = resolveActor(json);
  const event: CloudTrailEvent = {
    eventId: json.eventID as string,
    eventTime: parseIsoTimestamp(json.eventTime as string),
    eventName: (json.eventName ?? details.eventName) as string,
    eventSource: (json.eventSource ?? details.eventSource) as string,
    accountId: str(json.recipientAccountId) ?? actor.accountId,
    region: str(json.awsRegion),
    actor,
    accessKeyId: accessKeyIdOf(json),
    sourceIp,
    sourceService,
    userAgent: str(json.userAgent),
    errorCode: str(json.errorCode),
    errorMessage: str(json.errorMessage),
    readOnly: (parsed.data.readOnly as boolean | null | undefined) ?? null,
    eventType: str(json.eventType),
    redacted: isRedacted(raw),
    record: json,
    raw,
    envelope: input.envelope ?? null,
  };
  const oversized = oversizedIdentity(event);
  if (oversized) {
    return reject(input, fieldPath(path, [oversized]), `${fieldPath(path, [oversized])}: longer than ${MAX_INDEXED_LENGTH} characters`);
  }
  return { event: sanitizeEvent(event) };
}

/** Maximum principal key length stored, in bytes. IAM ARNs are at most 2,048 characters. */
const MAX_INDEXED_LENGTH = 2048;
/** Maximum user agent or error message length kept in its column. The raw record keeps all of it. */
const MAX_TEXT_COLUMN_LENGTH = 4096;

function oversizedIdentity(event: CloudTrailEvent): string | null {
  if (Buffer.byteLength(event.actor.key) > MAX_INDEXED_LENGTH) {
    return "userIdentity";
  }
  if ((event.accessKeyId?.length ?? 0) > 128) {
    return "userIdentity.accessKeyId";
  }
  return null;
}

function clip(text: string | null): string | null {
  return text === null ? null : sanitizeText(text.length > MAX_TEXT_COLUMN_LENGTH ? text.slice(0, MAX_TEXT_COLUMN_LENGTH) : text);
}

/** Makes the normalised fields storable as PostgreSQL text; `record` and `raw` stay as delivered. */
function sanitizeEvent(event: CloudTrailEvent): CloudTrailEvent {
  const actor: Actor = {
    ...event.actor,
    key: sanitizeText(event.actor.key),
    type: sanitizeText(event.actor.type),
    arn: sanitizeNullableText(event.actor.arn),
    accountId: sanitizeNullableText(event.actor.accountId),
    name: clip(event.actor.name),
    sessionName: clip(event.actor.sessionName),
    namespace: sanitizeNullableText(event.actor.namespace),
    id: clip(event.actor.id),
  };
  return {
    ...event,
    eventId: sanitizeText(event.eventId),
    eventName: sanitizeText(event.eventName),
    eventSource: sanitizeText(event.eventSource),
    accountId: sanitizeNullableText(event.accountId),
    region: sanitizeNullableText(event.region),
    actor,
    accessKeyId: sanitizeNullableText(event.accessKeyId),
    sourceService: clip(event.sourceService),
    userAgent: clip(event.userAgent),
    errorCode: sanitizeNullableText(event.errorCode),
    errorMessage: clip(event.errorMessage),
    eventType: sanitizeNullableText(event.eventType),
  };
}

/**
 * CloudTrail replaces values it must not show with HIDDEN_DUE_TO_SECURITY_REASONS
 * (for example a mistyped user name in a failed console sign-in). Searching the
 * bytes for the quoted value is far cheaper than walking every parsed record.
 */
function isRedacted(raw: Buffer): boolean {
  let at = raw.indexOf(REDACTED);
  while (at >= 0) {
    if (at === 0 || raw[at - 1] !== 0x5c) {
      return true;
    }
    at = raw.indexOf(REDACTED, at + 1);
  }
  return false;
}

function rejectIssues(input: NormalizeInput, issues: z.core.$ZodIssue[]): NormalizeResult {
  const messages = issues.map((issue) => {
    const field = fieldPath(input.path, issue.path);
    if (issue.input === undefined) {
      return `${field}: required field is missing`;
    }
    return `${field}: expected ${expectation(issue)}, got ${describe(issue.input)}`;
  });
  return reject(input, fieldPath(input.path, issues[0].path), messages.join("; "));
}

function expectation(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[issue.path.length - 1] ?? "");
  if (EXPECTED[name]) {
    return EXPECTED[name];
  }
  if (issue.code === "too_small") {
    return "a non-empty string";
  }
  if (issue.code === "invalid_type") {
    return issue.expected === "object" ? "an object" : `a ${issue.expected}`;
  }
  return "a valid value";
}

function fieldPath(recordPath: string, path: PropertyKey[]): string {
  const parts = path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
  return recordPath === "$" || recordPath === "" ? `$${parts}` : `${recordPath}${parts}`;
}

function describe(value: unknown): string {
  if (value === undefined) {
    return "nothing";
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function reject(input: NormalizeInput, field: string | null, reason: string): NormalizeResult {
  return {
    rejection: { recordIndex: input.index, field, reason, raw: input.raw },
  };
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
