/**
 * Recognises what one JSON value is by the fields AWS writes into it. Used on the
 * first record of a file to route the file to a parser.
 */
import type { FileKind } from "./types";

type Json = Record<string, unknown>;

export interface ValueKind {
  kind: FileKind;
  reason: string;
}

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A CloudTrail record: eventTime with eventID or eventVersion. Only the keys
 * are checked, so that a record with a bad value is routed to the CloudTrail
 * parser and rejected there with the field named. Old documentation
 * examples have no eventID; S3 and SQS event notifications also use eventVersion
 * in a Records array but name their source `aws:s3`, never `*.amazonaws.com`.
 */
export function isCloudTrailRecord(value: Json): boolean {
  if (!("eventTime" in value)) {
    return false;
  }
  const source = value.eventSource;
  const awsSource = typeof source === "string" && source.endsWith(".amazonaws.com");
  const insight = value.eventType === "AwsCloudTrailInsight";
  if (typeof value.eventID === "string") {
    return typeof value.eventVersion === "string" || awsSource || insight;
  }
  return typeof value.eventVersion === "string" && (awsSource || insight);
}

/**
 * Recognises a CloudTrail record that misses eventTime, which
 * isCloudTrailRecord needs: eventVersion with eventID, or with an
 * `*.amazonaws.com` eventSource. S3 event notifications have neither.
 */
export function resemblesCloudTrailRecord(value: Json): boolean {
  const source = value.eventSource;
  const awsSource = typeof source === "string" && source.endsWith(".amazonaws.com");
  return typeof value.eventVersion === "string" && (typeof value.eventID === "string" || awsSource);
}

/** A GuardDuty finding as the CLI and EventBridge write it, or in boto3's PascalCase. */
export function isGuardDutyFinding(value: Json): boolean {
  const camel = "schemaVersion" in value && typeof value.type === "string" && "severity" in value;
  const pascal = "SchemaVersion" in value && typeof value.Type === "string" && "Severity" in value;
  return camel || pascal;
}

export function isDigest(value: Json): boolean {
  return "digestPublicKeyFingerprint" in value || ("logFiles" in value && "digestStartTime" in value);
}

export function isAccessAdvisor(value: Json): boolean {
  if ("ServicesLastAccessed" in value || "EntityDetailsList" in value) {
    return true;
  }
  // AccessDetails alone is too generic a name; the Organizations report also
  // carries the job fields.
  return "AccessDetails" in value && ("JobStatus" in value || "NumberOfServicesAccessible" in value);
}

/** Classifies one top-level object or one element of a file, or null when unsure. */
export function classifyJsonValue(value: unknown): ValueKind | null {
  if (!isObject(value)) {
    return null;
  }
  const detailType = value["detail-type"];
  if (typeof detailType === "string") {
    return classifyEnvelope(detailType);
  }
  if (isDigest(value)) {
    return { kind: "cloudtrail-digest", reason: "a CloudTrail digest (digestPublicKeyFingerprint, logFiles)" };
  }
  if (isGuardDutyFinding(value)) {
    return { kind: "guardduty", reason: "a GuardDuty finding (schemaVersion, type, severity)" };
  }
  if (isCloudTrailRecord(value)) {
    return { kind: "cloudtrail", reason: "a CloudTrail record (eventVersion, eventID)" };
  }
  if (isAccessAdvisor(value)) {
    return { kind: "accessAdvisor", reason: "an IAM Access Advisor report" };
  }
  return null;
}

function classifyEnvelope(detailType: string): ValueKind {
  if (detailType.endsWith("via CloudTrail")) {
    return {
      kind: "cloudtrail-eventbridge",
      reason: `EventBridge envelopes of CloudTrail records (detail-type "${detailType}")`,
    };
  }
  if (detailType === "GuardDuty Finding") {
    return { kind: "guardduty", reason: 'EventBridge envelopes of GuardDuty findings (detail-type "GuardDuty Finding")' };
  }
  return { kind: "unknown", reason: `an EventBridge event of detail-type "${detailType}", which Watchfloor does not read` };
}

/** Explains a value that none of the recognisers accepted. */
export function describeUnrecognised(value: unknown): string {
  if (!isObject(value)) {
    return `a JSON ${Array.isArray(value) ? "array" : value === null ? "null" : typeof value}`;
  }
  if (Object.keys(value).length === 1 && typeof value.JobId === "string") {
    return (
      "only a JobId: the output of generate-service-last-accessed-details; " +
      "run get-service-last-accessed-details with that job id for the report"
    );
  }
  if (typeof value.eventSource === "string" && value.eventSource.startsWith("aws:")) {
    return `an event notification from ${value.eventSource}, not a CloudTrail record`;
  }
  if ("ProductArn" in value && "Types" in value) {
    return "a Security Hub (ASFF) finding, not a GuardDuty finding";
  }
  for (const [container, content] of [["Records", "CloudTrail records"], ["Findings", "GuardDuty findings"]] as const) {
    if (container in value && !Array.isArray(value[container])) {
      const inner = value[container] === null ? "null" : describeUnrecognised(value[container]).replace(/^a JSON /, "a ");
      return `an object whose "${container}" is ${inner}, not an array of ${content}`;
    }
  }
  const keys = Object.keys(value).slice(0, 8);
  return `an object with keys ${keys.map((k) => JSON.stringify(k)).join(", ")}`;
}
