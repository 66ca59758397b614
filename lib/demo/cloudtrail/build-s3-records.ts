import type { SeededRandom } from "../create-seeded-random";
import { DEMO_ACCOUNT_ID, DEMO_REGION } from "../scenario";
import {
  buildCloudTrailRecord,
  type CallBase,
  type JsonObject,
  type TrailEvent,
} from "./build-cloudtrail-record";

const S3_EVENT_VERSION = "1.09";
const S3_SOURCE = "s3.amazonaws.com";

/** S3 request ids are 16 upper-case characters, not UUIDs. */
function s3RequestId(random: SeededRandom): string {
  return random.upperAlphanumeric(16);
}

function s3AdditionalData(
  random: SeededRandom,
  bytesIn: number,
  bytesOut: number,
  hasTls: boolean,
): JsonObject {
  return {
    SignatureVersion: "SigV4",
    CipherSuite: hasTls ? "TLS_AES_128_GCM_SHA256" : "ECDHE-RSA-AES128-GCM-SHA256",
    bytesTransferredIn: bytesIn,
    AuthenticationMethod: "AuthHeader",
    "x-amz-id-2": `${random.base64(76)}=`,
    bytesTransferredOut: bytesOut,
  };
}

function bucketResource(bucket: string): JsonObject {
  return { accountId: DEMO_ACCOUNT_ID, type: "AWS::S3::Bucket", ARN: `arn:aws:s3:::${bucket}` };
}

/** ListBuckets is a management event; boto3 and the CLI send it to the global host. */
export function buildListBuckets(base: CallBase): TrailEvent {
  return buildCloudTrailRecord(base.random, {
    ...base,
    eventSource: S3_SOURCE,
    eventName: "ListBuckets",
    region: DEMO_REGION,
    eventVersion: S3_EVENT_VERSION,
    readOnly: true,
    requestParameters: { Host: "s3.amazonaws.com" },
    additionalEventData: s3AdditionalData(
      base.random,
      0,
      base.random.int(900, 1600),
      base.caller.hasTls,
    ),
    requestId: s3RequestId(base.random),
    tlsHost: "s3.amazonaws.com",
  });
}

export interface ObjectCallOptions extends CallBase {
  eventName: "GetObject" | "HeadObject" | "PutObject";
  bucket: string;
  key: string;
  size: number;
  region?: string;
}

/**
 * Object-level calls are data events: logged only because the trail selects
 * S3 data events, with eventCategory Data and managementEvent false.
 */
export function buildObjectCall(options: ObjectCallOptions): TrailEvent {
  const region = options.region ?? DEMO_REGION;
  const host = `${options.bucket}.s3.amazonaws.com`;
  const isWrite = options.eventName === "PutObject";
  const bytesOut = options.eventName === "GetObject" ? options.size : 0;
  return buildCloudTrailRecord(options.random, {
    ...options,
    eventSource: S3_SOURCE,
    region,
    eventVersion: S3_EVENT_VERSION,
    readOnly: !isWrite,
    eventCategory: "Data",
    requestParameters: { bucketName: options.bucket, Host: host, key: options.key },
    responseElements: isWrite ? { "x-amz-server-side-encryption": "AES256" } : null,
    additionalEventData: s3AdditionalData(
      options.random,
      isWrite ? options.size : 0,
      bytesOut,
      options.caller.hasTls,
    ),
    requestId: s3RequestId(options.random),
    resources: [
      { type: "AWS::S3::Object", ARN: `arn:aws:s3:::${options.bucket}/${options.key}` },
      bucketResource(options.bucket),
    ],
    tlsHost: host,
  });
}

export interface ListObjectsOptions extends CallBase {
  bucket: string;
  prefix: string;
}

/** CloudTrail names a ListObjectsV2 call ListObjects, with list-type 2 in the request. */
export function buildListObjectsV2(options: ListObjectsOptions): TrailEvent {
  const host = `${options.bucket}.s3.amazonaws.com`;
  return buildCloudTrailRecord(options.random, {
    ...options,
    eventSource: S3_SOURCE,
    eventName: "ListObjects",
    region: DEMO_REGION,
    eventVersion: S3_EVENT_VERSION,
    readOnly: true,
    eventCategory: "Data",
    requestParameters: {
      "list-type": "2",
      bucketName: options.bucket,
      "encoding-type": "url",
      prefix: options.prefix,
      Host: host,
    },
    additionalEventData: s3AdditionalData(
      options.random,
      0,
      options.random.int(600, 9000),
      options.caller.hasTls,
    ),
    requestId: s3RequestId(options.random),
    resources: [bucketResource(options.bucket)],
    tlsHost: host,
  });
}
