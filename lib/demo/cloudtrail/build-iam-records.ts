import { formatJavaDateTime } from "../format-aws-time";
import { DEMO_REGION } from "../scenario";
import {
  buildCloudTrailRecord,
  type CallBase,
  type CloudTrailCall,
  type JsonObject,
  type TrailEvent,
} from "./build-cloudtrail-record";

/** IAM is a global service: CloudTrail logs its calls in us-east-1. */
function iamCall(
  base: CallBase,
  eventName: string,
  readOnly: boolean,
  requestParameters: JsonObject | null,
  extra: Partial<CloudTrailCall> = {},
): TrailEvent {
  return buildCloudTrailRecord(base.random, {
    ...base,
    eventSource: "iam.amazonaws.com",
    eventName,
    region: DEMO_REGION,
    eventVersion: "1.09",
    readOnly,
    requestParameters,
    tlsHost: "iam.amazonaws.com",
    ...extra,
  });
}

export interface CreateAccessKeyOptions extends CallBase {
  userName: string;
  newAccessKeyId: string;
}

/** Builds CreateAccessKey. The response names the new key but not its secret. */
export function buildCreateAccessKey(options: CreateAccessKeyOptions): TrailEvent {
  return iamCall(
    options,
    "CreateAccessKey",
    false,
    { userName: options.userName },
    {
      responseElements: {
        accessKey: {
          userName: options.userName,
          accessKeyId: options.newAccessKeyId,
          status: "Active",
          createDate: formatJavaDateTime(options.eventTime),
        },
      },
    },
  );
}

export interface UpdateAccessKeyOptions extends CallBase {
  userName: string;
  accessKeyId: string;
  status: "Active" | "Inactive";
}

export function buildUpdateAccessKey(options: UpdateAccessKeyOptions): TrailEvent {
  return iamCall(options, "UpdateAccessKey", false, {
    userName: options.userName,
    accessKeyId: options.accessKeyId,
    status: options.status,
  });
}

export interface UserPolicyOptions extends CallBase {
  eventName: "AttachUserPolicy" | "DetachUserPolicy";
  userName: string;
  policyArn: string;
}

export function buildUserPolicyChange(options: UserPolicyOptions): TrailEvent {
  return iamCall(options, options.eventName, false, {
    userName: options.userName,
    policyArn: options.policyArn,
  });
}

export interface IamReadOptions extends CallBase {
  eventName: string;
  requestParameters: JsonObject | null;
}

/** Read calls such as ListUsers or GetUser; their responses are not logged. */
export function buildIamRead(options: IamReadOptions): TrailEvent {
  return iamCall(options, options.eventName, true, options.requestParameters);
}
