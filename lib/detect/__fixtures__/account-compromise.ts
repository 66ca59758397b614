import { db } from "@/lib/db/client";
import {
  ALICE_ADMIN,
  ATTACK,
  ATTACKER,
  BOB_SECOPS,
  BREAK_GLASS_GRANT,
  CONTAINMENT,
  DEMO_ACCOUNT_ID,
  DEMO_TRAIL,
  GUARDDUTY_FINDING,
  OFFICE_NETWORK,
  REPORTS_SVC,
  USER_AGENTS,
} from "@/lib/demo/scenario";

import type { JsonRecord } from "./build-cloudtrail-row";
import { ADMINISTRATOR_ACCESS, type FixtureCaller, historyCalls, iamUserCall } from "./cloudtrail-records";

/**
 * The demo's account compromise as fixture records. An attacker steals
 * reports-svc's key, creates a second key, lists buckets, attaches
 * AdministratorAccess with the new key and fails to stop CloudTrail. bob
 * contains it from the office. Two days later alice grants break-glass
 * access from the office as usual.
 */

const STOLEN_KEY = ATTACK.stolenAccessKeyId;
const CREATED_KEY = ATTACK.createdAccessKeyId;

export const REPORTS_SVC_KEY = REPORTS_SVC.arn;
export const ALICE_KEY = ALICE_ADMIN.arn;
export const BOB_KEY = BOB_SECOPS.arn;

const reportsAtOffice: FixtureCaller = {
  userName: REPORTS_SVC.userName,
  path: REPORTS_SVC.path,
  accessKeyId: STOLEN_KEY,
  sourceIp: OFFICE_NETWORK.addresses[0],
  userAgent: USER_AGENTS.reportsSvc,
};
const alice: FixtureCaller = {
  userName: ALICE_ADMIN.userName,
  accessKeyId: BREAK_GLASS_GRANT.sessionAccessKeyId,
  sourceIp: BREAK_GLASS_GRANT.sourceIPAddress,
  userAgent: USER_AGENTS.aliceBrowser,
};
const bob: FixtureCaller = {
  userName: BOB_SECOPS.userName,
  accessKeyId: CONTAINMENT.sessionAccessKeyId,
  sourceIp: CONTAINMENT.sourceIPAddress,
  userAgent: USER_AGENTS.bobBrowser,
};

/** Builds ordinary days from the office before the attack, and for alice before the grant. */
export function historyRecords(): JsonRecord[] {
  return [
    ...historyCalls({ caller: reportsAtOffice, until: "2026-11-17T00:00:00Z", days: 7 }),
    ...historyCalls({ caller: bob, until: "2026-11-17T00:00:00Z", days: 7 }),
    ...historyCalls({
      caller: alice,
      until: "2026-11-19T00:00:00Z",
      days: 9,
      calls: [
        ["iam.amazonaws.com", "ListUsers"],
        ["iam.amazonaws.com", "GetUser"],
        ["s3.amazonaws.com", "ListBuckets"],
      ],
    }),
  ];
}

function attackCall(step: (typeof ATTACK.steps)[keyof typeof ATTACK.steps], extra: Partial<Parameters<typeof iamUserCall>[0]>) {
  const caller: FixtureCaller = {
    userName: REPORTS_SVC.userName,
    path: REPORTS_SVC.path,
    accessKeyId: step.accessKeyId,
    sourceIp: step.sourceIPAddress,
    userAgent: step.userAgent,
  };
  return iamUserCall({
    caller,
    eventSource: step.eventSource,
    eventName: step.eventName,
    time: step.eventTime,
    errorCode: step.errorCode ?? undefined,
    ...extra,
  });
}

/** Builds the attacker's calls on 2026-11-17, from 02:14:05 to 02:23:09. */
export function attackRecords(): JsonRecord[] {
  const { steps } = ATTACK;
  return [
    attackCall(steps.getCallerIdentity, {}),
    attackCall(steps.createAccessKey, {
      requestParameters: { userName: REPORTS_SVC.userName },
      responseElements: {
        accessKey: { accessKeyId: CREATED_KEY, status: "Active", userName: REPORTS_SVC.userName, createDate: "Nov 17, 2026 2:16:31 AM" },
      },
    }),
    attackCall(steps.listBuckets, {}),
    attackCall(steps.attachUserPolicy, {
      requestParameters: { userName: REPORTS_SVC.userName, policyArn: ADMINISTRATOR_ACCESS },
    }),
    attackCall(steps.stopLogging, {
      requestParameters: { name: DEMO_TRAIL.arn },
      errorMessage: ATTACK.stopLoggingErrorMessage,
    }),
  ];
}

/** Builds bob's containment calls from the office console, 02:26:21 to 02:28:19. */
export function containmentRecords(): JsonRecord[] {
  const iam = "iam.amazonaws.com";
  const userName = REPORTS_SVC.userName;
  return [
    iamUserCall({ caller: bob, eventSource: iam, eventName: "ListAccessKeys", time: CONTAINMENT.listAccessKeysTime, requestParameters: { userName } }),
    iamUserCall({
      caller: bob,
      eventSource: iam,
      eventName: "UpdateAccessKey",
      time: CONTAINMENT.deactivateStolenKeyTime,
      requestParameters: { userName, accessKeyId: STOLEN_KEY, status: "Inactive" },
    }),
    iamUserCall({
      caller: bob,
      eventSource: iam,
      eventName: "UpdateAccessKey",
      time: CONTAINMENT.deactivateCreatedKeyTime,
      requestParameters: { userName, accessKeyId: CREATED_KEY, status: "Inactive" },
    }),
    iamUserCall({
      caller: bob,
      eventSource: iam,
      eventName: "DetachUserPolicy",
      time: CONTAINMENT.detachPolicyTime,
      requestParameters: { userName, policyArn: ADMINISTRATOR_ACCESS },
    }),
    iamUserCall({ caller: bob, eventSource: iam, eventName: "ListAttachedUserPolicies", time: CONTAINMENT.verifyPoliciesTime, requestParameters: { userName } }),
  ];
}

/** Builds alice's AdministratorAccess grant to breakglass-admin on 2026-11-19. */
export function breakGlassRecords(): JsonRecord[] {
  return [
    iamUserCall({
      caller: alice,
      eventSource: "iam.amazonaws.com",
      eventName: "AttachUserPolicy",
      time: BREAK_GLASS_GRANT.eventTime,
      requestParameters: { userName: BREAK_GLASS_GRANT.target.userName, policyArn: BREAK_GLASS_GRANT.policyArn },
    }),
  ];
}

/** Stores the GuardDuty finding about the stolen key as the GuardDuty ingest would. */
export async function insertGuardDutyFinding(): Promise<void> {
  await db().finding.create({
    data: {
      id: GUARDDUTY_FINDING.id,
      type: GUARDDUTY_FINDING.type,
      title: `API ${ATTACK.steps.getCallerIdentity.eventName} was invoked from a known malicious IP address.`,
      severity: GUARDDUTY_FINDING.severity,
      severityLabel: "Medium",
      accountId: DEMO_ACCOUNT_ID,
      region: GUARDDUTY_FINDING.region,
      createdAt: new Date(GUARDDUTY_FINDING.createdAt),
      updatedAt: new Date(GUARDDUTY_FINDING.s3Export.updatedAt),
      eventFirstSeen: new Date(GUARDDUTY_FINDING.eventFirstSeen),
      eventLastSeen: new Date(GUARDDUTY_FINDING.s3Export.eventLastSeen),
      count: GUARDDUTY_FINDING.s3Export.count,
      principalKey: REPORTS_SVC_KEY,
      accessKeyId: STOLEN_KEY,
      remoteIps: [ATTACKER.ip],
      details: {},
    },
  });
}

export const SCENARIO_KEYS = { stolen: STOLEN_KEY, created: CREATED_KEY } as const;
