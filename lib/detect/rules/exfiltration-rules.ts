import { getArray, getString, isObject } from "@/lib/sources/common/json-fields";

import { findOutsidePrincipals } from "../parse-policy-document";
import { requestString, requestValue } from "./read-event-fields";
import type { CandidateEvent, CloudTrailRule } from "./rule-types";

/** Who a resource was shared with: everyone, or the listed outside accounts. */
interface Sharing {
  resource: string;
  public: boolean;
  accounts: string[];
}

// S3's predefined groups: AllUsers is anyone, AuthenticatedUsers is anyone with an AWS account.
const PUBLIC_GROUP_URIS = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;
const ACCOUNT_ID = /^\d{12}$/;
const PUBLIC_CANNED_ACLS = new Set(["public-read", "public-read-write", "authenticated-read"]);

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  if (value === undefined || value === null) {
    return [];
  }
  return [value];
}

/** Reads `{add: {items: [{userId} | {group: "all"}]}}` of EC2 permission attributes. */
function addedEc2Permissions(value: unknown, ownAccount: string | null): Omit<Sharing, "resource"> {
  const items = getArray(value, "add", "items").filter(isObject);
  // userId is an AWS account id; anything else cannot be granted and is ignored.
  const accounts = items.flatMap((item) => {
    const userId = getString(item, "userId");
    return userId !== null && ACCOUNT_ID.test(userId) && userId !== ownAccount ? [userId] : [];
  });
  return { public: items.some((item) => getString(item, "group") === "all"), accounts };
}

function s3PolicySharing(event: CandidateEvent, ownAccount: string | null): Sharing {
  const bucket = requestString(event, "bucketName") ?? "a bucket";
  const outside = findOutsidePrincipals(requestValue(event, "bucketPolicy"), ownAccount);
  // A public statement narrowed by a Condition (a VPC endpoint, an organisation) is left out.
  const anyone = outside.some((item) => item.principal === "*" && !item.conditional);
  const accounts = outside.flatMap((item) => (item.accountId === null ? [] : [item.accountId]));
  return { resource: `bucket ${bucket}`, public: anyone, accounts };
}

function s3AclSharing(event: CandidateEvent): Sharing {
  const bucket = requestString(event, "bucketName") ?? "a bucket";
  const canned = asList(requestValue(event, "x-amz-acl")).map(String);
  const grants = asList(requestValue(event, "AccessControlPolicy", "AccessControlList", "Grant"));
  const publicGrant = grants.some((grant) => PUBLIC_GROUP_URIS.test(getString(grant, "Grantee", "URI") ?? ""));
  return { resource: `bucket ${bucket}`, public: publicGrant || canned.some((acl) => PUBLIC_CANNED_ACLS.has(acl)), accounts: [] };
}

function rdsSharing(event: CandidateEvent, ownAccount: string | null): Sharing {
  const snapshot = requestString(event, "dBSnapshotIdentifier") ?? requestString(event, "dBClusterSnapshotIdentifier") ?? "a snapshot";
  const values = requestString(event, "attributeName") === "restore" ? asList(requestValue(event, "valuesToAdd")).map(String) : [];
  return {
    resource: `RDS snapshot ${snapshot}`,
    public: values.includes("all"),
    accounts: values.filter((value) => value !== "all" && value !== ownAccount),
  };
}

/** Describes what a call shares, or returns null for a call that shares nothing outside the account. */
function readSharing(event: CandidateEvent, ownAccount: string | null): Sharing | null {
  switch (event.eventName) {
    case "PutBucketPolicy":
      return s3PolicySharing(event, ownAccount);
    case "PutBucketAcl":
      return s3AclSharing(event);
    case "ModifySnapshotAttribute":
      return { resource: `EBS snapshot ${requestString(event, "snapshotId") ?? ""}`.trim(), ...addedEc2Permissions(requestValue(event, "createVolumePermission"), ownAccount) };
    case "ModifyImageAttribute":
      return { resource: `AMI ${requestString(event, "imageId") ?? ""}`.trim(), ...addedEc2Permissions(requestValue(event, "launchPermission"), ownAccount) };
    case "ModifyDBSnapshotAttribute":
    case "ModifyDBClusterSnapshotAttribute":
      return rdsSharing(event, ownAccount);
    default:
      return null;
  }
}

export const sharedOutsideAccountRule: CloudTrailRule = {
  id: "resource-shared-outside-account",
  source: "cloudtrail",
  title: "Data shared outside the account",
  description:
    "An S3 bucket, EBS snapshot, AMI or RDS snapshot was made public or shared with another AWS account. " +
    "Copying a snapshot to an attacker's account is a quiet way to take a whole disk or database. Check " +
    "whether the receiving account is known, remove the permission, and look for copies made since.",
  severity: "high",
  phase: "exfiltration",
  score: 30,
  mitre: { tactics: ["TA0010"], techniques: ["T1537"] },
  references: [
    "https://attack.mitre.org/techniques/T1537/",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySnapshotAttribute.html",
    "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBSnapshotAttribute.html",
  ],
  fields: [
    "errorCode",
    "recipientAccountId",
    "requestParameters.bucketName",
    "requestParameters.bucketPolicy",
    "requestParameters.x-amz-acl",
    "requestParameters.AccessControlPolicy.AccessControlList.Grant",
    "requestParameters.snapshotId",
    "requestParameters.createVolumePermission.add.items",
    "requestParameters.imageId",
    "requestParameters.launchPermission.add.items",
    "requestParameters.attributeName",
    "requestParameters.valuesToAdd",
    "requestParameters.dBSnapshotIdentifier",
    "requestParameters.dBClusterSnapshotIdentifier",
  ],
  eventNames: [
    "PutBucketPolicy",
    "PutBucketAcl",
    "ModifySnapshotAttribute",
    "ModifyImageAttribute",
    "ModifyDBSnapshotAttribute",
    "ModifyDBClusterSnapshotAttribute",
  ],
  async match({ event }) {
    if (event.errorCode !== null) {
      return null;
    }
    const ownAccount = getString(event.record, "recipientAccountId") ?? event.accountId;
    const sharing = readSharing(event, ownAccount);
    if (sharing === null || (!sharing.public && sharing.accounts.length === 0)) {
      return null;
    }
    const withWhom = sharing.public ? "everyone" : `account ${sharing.accounts.join(", ")}`;
    return {
      score: sharing.public ? 35 : 30,
      severity: sharing.public ? "critical" : "high",
      title: `${sharing.resource} shared with ${withWhom}`,
      details: { resource: sharing.resource, public: sharing.public, accounts: sharing.accounts },
    };
  },
};
