import { FLOW_FIELDS } from "@/lib/sources/vpcflow/flow-fields";

import type { RuleSource } from "./rule-types";

/**
 * Fields of a CloudTrail record, from the CloudTrail User Guide ("CloudTrail
 * record contents" and "CloudTrail userIdentity element"). A path ending in
 * `.*` admits any path below it: request and response shapes differ per API.
 */
export const CLOUDTRAIL_FIELDS: readonly string[] = [
  "eventVersion",
  "eventTime",
  "eventSource",
  "eventName",
  "awsRegion",
  "sourceIPAddress",
  "userAgent",
  "errorCode",
  "errorMessage",
  "requestParameters.*",
  "responseElements.*",
  "additionalEventData.*",
  "serviceEventDetails.*",
  "requestID",
  "eventID",
  "eventType",
  "apiVersion",
  "managementEvent",
  "readOnly",
  "resources.*",
  "recipientAccountId",
  "sharedEventID",
  "vpcEndpointId",
  "vpcEndpointAccountId",
  "eventCategory",
  "addendum.*",
  "sessionCredentialFromConsole",
  "edgeDeviceDetails.*",
  "tlsDetails.*",
  "userIdentity.type",
  "userIdentity.principalId",
  "userIdentity.arn",
  "userIdentity.accountId",
  "userIdentity.accessKeyId",
  "userIdentity.userName",
  "userIdentity.invokedBy",
  "userIdentity.identityProvider",
  "userIdentity.credentialId",
  "userIdentity.onBehalfOf.*",
  "userIdentity.sessionContext.attributes.creationDate",
  "userIdentity.sessionContext.attributes.mfaAuthenticated",
  "userIdentity.sessionContext.sessionIssuer.*",
  "userIdentity.sessionContext.webIdFederationData.*",
  "userIdentity.sessionContext.sourceIdentity",
  "userIdentity.sessionContext.ec2RoleDelivery",
  "userIdentity.sessionContext.assumedRoot",
];

/**
 * Fields of a GuardDuty finding, from the GuardDuty API Reference (Finding).
 * Resource and service details differ per finding type.
 */
export const GUARDDUTY_FIELDS: readonly string[] = [
  "accountId",
  "arn",
  "confidence",
  "createdAt",
  "description",
  "id",
  "partition",
  "region",
  "resource.*",
  "schemaVersion",
  "service.*",
  "severity",
  "title",
  "type",
  "updatedAt",
];

/** Fields of a VPC flow log record, by the names a custom format uses (see flow-fields.ts). */
export const VPC_FLOW_FIELDS: readonly string[] = Object.keys(FLOW_FIELDS);

export const SOURCE_FIELDS: Record<RuleSource, readonly string[]> = {
  cloudtrail: CLOUDTRAIL_FIELDS,
  guardduty: GUARDDUTY_FIELDS,
  vpcflow: VPC_FLOW_FIELDS,
};

/** True when `path` is in the list, or below a `prefix.*` entry of it. */
export function isKnownField(path: string, fields: readonly string[]): boolean {
  return fields.some((field) =>
    field.endsWith(".*") ? path.startsWith(field.slice(0, -1)) && path.length > field.length - 1 : field === path,
  );
}
