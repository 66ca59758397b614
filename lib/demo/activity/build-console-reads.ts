import type { CallBase, TrailEvent } from "../cloudtrail/build-cloudtrail-record";
import { buildIamRead } from "../cloudtrail/build-iam-records";
import { buildListBuckets } from "../cloudtrail/build-s3-records";
import { buildServiceCall } from "../cloudtrail/build-service-call";
import {
  DEMO_IAM_USERS,
  DEMO_REGION,
  DEMO_SECONDARY_REGION,
  DEMO_TRAIL,
  GUARDDUTY_DETECTOR_ID,
} from "../scenario";

/** Picks and builds one read-only call that a person makes while browsing the console. */
export type ConsoleRead = (base: CallBase) => TrailEvent;

function pickUserName(base: CallBase): string {
  return base.random.pick(DEMO_IAM_USERS).userName;
}

const describeInstances: ConsoleRead = (base) =>
  buildServiceCall({
    ...base,
    service: "ec2",
    region: base.random.chance(0.2) ? DEMO_SECONDARY_REGION : DEMO_REGION,
    eventName: "DescribeInstances",
    readOnly: true,
    requestParameters: { maxResults: 1000, instancesSet: {}, filterSet: {} },
  });

const describeSecurityGroups: ConsoleRead = (base) =>
  buildServiceCall({
    ...base,
    service: "ec2",
    region: DEMO_REGION,
    eventName: "DescribeSecurityGroups",
    readOnly: true,
    requestParameters: { securityGroupSet: {}, securityGroupIdSet: {}, filterSet: {} },
  });

const listUsers: ConsoleRead = (base) =>
  buildIamRead({ ...base, eventName: "ListUsers", requestParameters: { maxItems: 1000 } });

const getUser: ConsoleRead = (base) =>
  buildIamRead({
    ...base,
    eventName: "GetUser",
    requestParameters: { userName: pickUserName(base) },
  });

const listAttachedUserPolicies: ConsoleRead = (base) =>
  buildIamRead({
    ...base,
    eventName: "ListAttachedUserPolicies",
    requestParameters: { userName: pickUserName(base) },
  });

const getAccountSummary: ConsoleRead = (base) =>
  buildIamRead({ ...base, eventName: "GetAccountSummary", requestParameters: null });

const listBuckets: ConsoleRead = (base) => buildListBuckets(base);

const listFindings: ConsoleRead = (base) =>
  buildServiceCall({
    ...base,
    service: "guardduty",
    region: DEMO_REGION,
    eventName: "ListFindings",
    readOnly: true,
    requestParameters: {
      detectorId: GUARDDUTY_DETECTOR_ID,
      findingCriteria: { criterion: { "service.archived": { eq: ["false"] } } },
      sortCriteria: { attributeName: "updatedAt", orderBy: "DESC" },
      maxResults: 50,
    },
  });

const lookupEvents: ConsoleRead = (base) =>
  buildServiceCall({
    ...base,
    service: "cloudtrail",
    region: DEMO_REGION,
    eventName: "LookupEvents",
    readOnly: true,
    requestParameters: {
      maxResults: 50,
      lookupAttributes: [{ attributeKey: "ReadOnly", attributeValue: "false" }],
    },
  });

const getTrailStatus: ConsoleRead = (base) =>
  buildServiceCall({
    ...base,
    service: "cloudtrail",
    region: DEMO_REGION,
    eventName: "GetTrailStatus",
    readOnly: true,
    requestParameters: { name: DEMO_TRAIL.arn },
  });

/** Reads of alice.admin, an administrator, on an ordinary day. */
export const ADMIN_CONSOLE_READS: readonly ConsoleRead[] = [
  describeInstances,
  describeInstances,
  describeSecurityGroups,
  listUsers,
  getUser,
  listAttachedUserPolicies,
  getAccountSummary,
  listBuckets,
];

/** Reads of bob.secops, on the security team, on an ordinary day. */
export const SECURITY_CONSOLE_READS: readonly ConsoleRead[] = [
  listFindings,
  listFindings,
  lookupEvents,
  getTrailStatus,
  listUsers,
  describeInstances,
];
