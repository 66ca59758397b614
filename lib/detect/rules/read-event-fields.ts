import { get, getString } from "@/lib/sources/common/json-fields";

import type { CandidateEvent } from "./rule-types";

/** Returns a string field of requestParameters, in either casing AWS uses. */
export function requestString(event: CandidateEvent, ...path: string[]): string | null {
  return getString(event.record, "requestParameters", ...path);
}

export function requestValue(event: CandidateEvent, ...path: string[]): unknown {
  return get(event.record, "requestParameters", ...path);
}

export function responseString(event: CandidateEvent, ...path: string[]): string | null {
  return getString(event.record, "responseElements", ...path);
}

/** Returns the ARN partition of the caller (aws, aws-cn, aws-us-gov), `aws` when unknown. */
export function partitionOf(event: CandidateEvent): string {
  const arn = event.principalArn;
  return arn?.startsWith("arn:") ? arn.split(":")[1] || "aws" : "aws";
}

/** Reads a boolean request field. CloudTrail logs some as the text "true" or "false". */
export function requestBoolean(event: CandidateEvent, ...path: string[]): boolean | null {
  const value = requestValue(event, ...path);
  if (typeof value === "boolean") {
    return value;
  }
  if (typeof value === "string" && /^(true|false)$/i.test(value)) {
    return value.toLowerCase() === "true";
  }
  return null;
}

/** Returns the outcome details of a call; CloudTrail logs denied attempts too. */
export function failureDetails(event: CandidateEvent): Record<string, unknown> {
  if (event.errorCode === null) {
    return { outcome: "succeeded" };
  }
  return {
    outcome: "failed",
    errorCode: event.errorCode,
    errorMessage: getString(event.record, "errorMessage"),
  };
}
