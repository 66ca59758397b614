import { getArray, getObject, getString } from "@/lib/sources/common/json-fields";
import type { FindingApiCall, FindingBucket, FindingInstance, FindingPrincipal } from "./types";

/** `resource.accessKeyDetails`: the credentials GuardDuty saw in use. */
export function readPrincipal(resource: unknown): FindingPrincipal | null {
  const details = getObject(resource, "accessKeyDetails");
  if (details === null) {
    return null;
  }
  return {
    userName: getString(details, "userName"),
    userType: getString(details, "userType"),
    principalId: getString(details, "principalId"),
    accessKeyId: getString(details, "accessKeyId"),
  };
}

/** `resource.instanceDetails` with each network interface's addresses. */
export function readInstance(resource: unknown): FindingInstance | null {
  const details = getObject(resource, "instanceDetails");
  if (details === null) {
    return null;
  }
  return {
    instanceId: getString(details, "instanceId"),
    networkInterfaces: getArray(details, "networkInterfaces").map((eni) => ({
      networkInterfaceId: getString(eni, "networkInterfaceId"),
      privateIp: getString(eni, "privateIpAddress"),
      publicIp: getString(eni, "publicIp"),
    })),
  };
}

/** `resource.s3BucketDetails[]`, by name and ARN. */
export function readBuckets(resource: unknown): FindingBucket[] {
  return getArray(resource, "s3BucketDetails")
    .map((bucket) => ({ name: getString(bucket, "name"), arn: getString(bucket, "arn") }))
    .filter((bucket) => bucket.name !== null || bucket.arn !== null);
}

/** `service.action.awsApiCallAction`; `api` is the operation name. */
export function readApiCall(action: unknown): FindingApiCall | null {
  const call = getObject(action, "awsApiCallAction");
  if (call === null) {
    return null;
  }
  return {
    name: getString(call, "api"),
    serviceName: getString(call, "serviceName"),
    callerType: getString(call, "callerType"),
    errorCode: getString(call, "errorCode"),
  };
}
