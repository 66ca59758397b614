import { randomUUID } from "node:crypto";

import { db } from "@/lib/db/client";
import type { JsonRecord } from "@/lib/detect/__fixtures__/build-cloudtrail-row";
import { ADMINISTRATOR_ACCESS, FIXTURE_ACCOUNT, iamUserCall } from "@/lib/detect/__fixtures__/cloudtrail-records";
import { insertFixtureEvents } from "@/lib/detect/__fixtures__/insert-fixture-events";

/**
 * A role compromised through its trust policy: ops-automation trusts its own
 * account and a partner account, 444455556666. Someone in the partner account
 * assumes it and attaches AdministratorAccess to it.
 */
export const PARTNER_ACCOUNT = "444455556666";

export function roleArn(roleName: string): string {
  return `arn:aws:iam::${FIXTURE_ACCOUNT}:role/${roleName}`;
}

export function trustPolicy(): JsonRecord {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: [`arn:aws:iam::${FIXTURE_ACCOUNT}:root`, `arn:aws:iam::${PARTNER_ACCOUNT}:root`] },
        Action: "sts:AssumeRole",
      },
    ],
  };
}

const admin = {
  userName: "alice.admin",
  accessKeyId: "ASIAFIXTUREADMIN0001",
  sourceIp: "64.124.16.37",
  userAgent: "console.amazonaws.com",
};

function createRoleRecord(roleName: string): JsonRecord {
  return iamUserCall({
    caller: admin,
    eventSource: "iam.amazonaws.com",
    eventName: "CreateRole",
    time: "2026-11-01T10:00:00Z",
    requestParameters: { roleName, assumeRolePolicyDocument: JSON.stringify(trustPolicy()) },
  });
}

function partnerAssumeRoleRecord(roleName: string, time: string): JsonRecord {
  return {
    eventVersion: "1.08",
    userIdentity: { type: "AWSAccount", principalId: "AIDAPARTNERUSER00001", accountId: PARTNER_ACCOUNT },
    eventTime: time,
    eventSource: "sts.amazonaws.com",
    eventName: "AssumeRole",
    awsRegion: "us-east-1",
    sourceIPAddress: "85.17.31.122",
    userAgent: "aws-cli/2.18.2",
    requestParameters: { roleArn: roleArn(roleName), roleSessionName: "x" },
    responseElements: null,
    requestID: randomUUID(),
    eventID: randomUUID(),
    readOnly: true,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: FIXTURE_ACCOUNT,
    eventCategory: "Management",
  };
}

/**
 * Stores the role's events (unless `withEvents` is false), its principal, and
 * an incident with one AttachRolePolicy signal. Returns the incident id.
 */
export async function seedRoleIncident(options: { roleName: string; withEvents?: boolean }): Promise<string> {
  const { roleName } = options;
  const arn = roleArn(roleName);
  if (options.withEvents ?? true) {
    await insertFixtureEvents([createRoleRecord(roleName), partnerAssumeRoleRecord(roleName, "2026-11-17T01:50:00Z")]);
  }
  const at = new Date("2026-11-17T02:00:00Z");
  await db().principal.create({
    data: { key: arn, type: "AssumedRole", arn, accountId: FIXTURE_ACCOUNT, name: roleName, firstSeen: at, lastSeen: at },
  });
  const incident = await db().incident.create({
    data: {
      title: `Privilege escalation by ${roleName}`,
      severity: "high",
      score: 40,
      principalKey: arn,
      accountId: FIXTURE_ACCOUNT,
      firstSeen: at,
      lastSeen: at,
      thresholdCrossedAt: at,
    },
  });
  await db().signal.create({
    data: {
      ruleId: "iam-attach-administrator-access",
      source: "cloudtrail",
      naturalId: randomUUID(),
      eventTime: at,
      phase: "privilege_escalation",
      severity: "high",
      score: 40,
      title: `Administrator access granted to ${roleName}`,
      principalKey: arn,
      subjectKey: arn,
      eventName: "AttachRolePolicy",
      details: { policyArn: ADMINISTRATOR_ACCESS, target: { type: "role", name: roleName } },
      incidentId: incident.id,
    },
  });
  return incident.id;
}
