import { addSeconds, formatJavaDateTime } from "../format-aws-time";
import { DEMO_ACCOUNT_ID } from "../scenario";
import {
  buildCloudTrailRecord,
  type CallBase,
  type TrailEvent,
} from "./build-cloudtrail-record";

export interface StsCallOptions extends CallBase {
  region: string;
}

/** GetCallerIdentity needs no permission, so CloudTrail logs no response for it. */
export function buildGetCallerIdentity(options: StsCallOptions): TrailEvent {
  return buildCloudTrailRecord(options.random, {
    ...options,
    eventSource: "sts.amazonaws.com",
    eventName: "GetCallerIdentity",
    eventVersion: "1.08",
    readOnly: true,
    tlsHost: `sts.${options.region}.amazonaws.com`,
  });
}

export interface ServiceAssumeRoleOptions extends StsCallOptions {
  roleArn: string;
  roleSessionName: string;
  issuedAccessKeyId: string;
  durationSeconds: number;
}

/**
 * AssumeRole made by a service principal (Lambda) for an execution role. The
 * record carries the role as a resource and a sharedEventID, and STS writes
 * the expiration in its Java date format with a comma after the year.
 */
export function buildServiceAssumeRole(options: ServiceAssumeRoleOptions): TrailEvent {
  const expiration = addSeconds(options.eventTime, options.durationSeconds);
  return buildCloudTrailRecord(options.random, {
    ...options,
    eventSource: "sts.amazonaws.com",
    eventName: "AssumeRole",
    eventVersion: "1.08",
    readOnly: true,
    requestParameters: {
      roleArn: options.roleArn,
      roleSessionName: options.roleSessionName,
    },
    responseElements: {
      credentials: {
        accessKeyId: options.issuedAccessKeyId,
        sessionToken: options.random.base64(356),
        expiration: formatJavaDateTime(expiration, true),
      },
    },
    resources: [{ accountId: DEMO_ACCOUNT_ID, type: "AWS::IAM::Role", ARN: options.roleArn }],
    sharedEventId: true,
    tlsHost: null,
  });
}
