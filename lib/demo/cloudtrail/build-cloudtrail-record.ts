import type { SeededRandom } from "../create-seeded-random";
import { formatIsoSeconds } from "../format-aws-time";
import { DEMO_ACCOUNT_ID } from "../scenario";

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** One record of a CloudTrail delivery file, keys in the order CloudTrail writes them. */
export type CloudTrailRecord = JsonObject;

/** A generated record with the metadata the file writers need. */
export interface TrailEvent {
  record: CloudTrailRecord;
  eventTime: Date;
  region: string;
  /** Delivered in the first file after the event, never in a later one. */
  punctual: boolean;
}

/** Inputs every per-service record builder takes. */
export interface CallBase {
  random: SeededRandom;
  caller: Caller;
  eventTime: Date;
  punctual?: boolean;
}

/** Identity, address and agent of a caller: one value per principal and session. */
export interface Caller {
  identity: JsonObject;
  sourceIPAddress: string;
  userAgent: string;
  /** Console sessions mark each call with sessionCredentialFromConsole. */
  fromConsole: boolean;
  /** Calls made by an AWS service on the caller's behalf carry no tlsDetails. */
  hasTls: boolean;
}

export interface CloudTrailCall {
  caller: Caller;
  eventTime: Date;
  eventSource: string;
  eventName: string;
  region: string;
  eventVersion: string;
  readOnly: boolean;
  requestParameters?: JsonObject | null;
  responseElements?: JsonObject | null;
  additionalEventData?: JsonObject;
  /** Request id as the service writes it; a UUID when omitted. */
  requestId?: string | null;
  resources?: JsonObject[];
  eventType?: "AwsApiCall" | "AwsConsoleSignIn";
  eventCategory?: "Management" | "Data";
  error?: { code: string; message: string };
  /** Host header of the request; tlsDetails is left out when null. */
  tlsHost: string | null;
  /** Set for calls that also reach another account or service (AssumeRole by a service). */
  sharedEventId?: boolean;
  /** Delivered in the first file after the event, never in a later one. */
  punctual?: boolean;
}

function buildTlsDetails(host: string): JsonObject {
  return {
    tlsVersion: "TLSv1.3",
    cipherSuite: "TLS_AES_128_GCM_SHA256",
    clientProvidedHostHeader: host,
  };
}

/** Adds the fields after requestParameters, which depend on the kind of call. */
function appendTail(record: JsonObject, call: CloudTrailCall, random: SeededRandom): void {
  if (call.additionalEventData) {
    record.additionalEventData = call.additionalEventData;
  }
  if (call.requestId !== null) {
    record.requestID = call.requestId ?? random.uuid();
  }
  record.eventID = random.uuid();
  record.readOnly = call.readOnly;
  if (call.resources) {
    record.resources = call.resources;
  }
  const category = call.eventCategory ?? "Management";
  record.eventType = call.eventType ?? "AwsApiCall";
  record.managementEvent = category === "Management";
  record.recipientAccountId = DEMO_ACCOUNT_ID;
  if (call.sharedEventId) {
    record.sharedEventID = random.uuid();
  }
  record.eventCategory = category;
  if (call.tlsHost !== null && call.caller.hasTls) {
    record.tlsDetails = buildTlsDetails(call.tlsHost);
  }
  if (call.caller.fromConsole) {
    record.sessionCredentialFromConsole = "true";
  }
}

/**
 * Builds one record with the fields and key order of CloudTrail's S3 delivery
 * files (CloudTrail user guide, "CloudTrail record contents").
 */
export function buildCloudTrailRecord(random: SeededRandom, call: CloudTrailCall): TrailEvent {
  const record: JsonObject = {
    eventVersion: call.eventVersion,
    userIdentity: call.caller.identity,
    eventTime: formatIsoSeconds(call.eventTime),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: call.region,
    sourceIPAddress: call.caller.sourceIPAddress,
    userAgent: call.caller.userAgent,
  };
  if (call.error) {
    record.errorCode = call.error.code;
    record.errorMessage = call.error.message;
  }
  record.requestParameters = call.requestParameters ?? null;
  record.responseElements = call.responseElements ?? null;
  appendTail(record, call, random);
  return {
    record,
    eventTime: call.eventTime,
    region: call.region,
    punctual: call.punctual ?? false,
  };
}
