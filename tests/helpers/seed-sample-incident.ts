import { db } from "@/lib/db/client";
import { encodeRaw } from "@/lib/ingest/raw-codec";
import {
  ATTACK,
  ATTACKER,
  BOB_SECOPS,
  BREAK_GLASS_GRANT,
  CONTAINMENT,
  DEMO_ACCOUNT_ID,
  DEMO_REGION,
  GUARDDUTY_FINDING,
  REPORTS_SVC,
  USER_AGENTS,
} from "@/lib/demo/scenario";

/**
 * Seeds the demo's account compromise the way ingest and detection store it:
 * events with raw bytes, principals, a GuardDuty finding with two versions,
 * signals and the incident; plus a break-glass grant that stays below the
 * threshold. The values come from lib/demo/scenario.ts.
 */

export const FIRST_FILE_PATH =
  "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/17/111122223333_CloudTrail_us-east-1_20261117T0220Z_Qm4tZ2vH8pL1sXcR.json.gz";
export const SECOND_FILE_PATH =
  "AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/17/111122223333_CloudTrail_us-east-1_20261117T0220Z_Wd7yN3kB5fJ9aTeU.json.gz";

/** Event ids, chosen so that their sort order differs from their time order. */
export const EVENT_IDS = {
  baselineRead: "0c7d1b2e-5a40-4d8e-9c1f-2b6a7e3d9f10",
  beforeWindow: "1e3f5a7c-9b2d-4f6e-8a1c-3d5b7f9e1a20",
  getCallerIdentity: "f1a2b3c4-d5e6-4f70-8a9b-c0d1e2f3a4b5",
  createAccessKey: "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a",
  listBuckets: "3b4c5d6e-7f80-4912-a3b4-c5d6e7f80912",
  attachUserPolicy: "7e1c4a92-3b5d-4f86-9a0e-2c8d6b4f1e37",
  stopLogging: "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
  bobListAccessKeys: "2f3e4d5c-6b7a-4980-a1b2-c3d4e5f6a7b8",
  deactivateStolenKey: "8c9d0e1f-2a3b-4c4d-9e5f-6a7b8c9d0e1f",
  aliceUnrelated: "4d5e6f70-8192-4a3b-9c4d-5e6f70819203",
  breakGlassGrant: "6f708192-a3b4-4c5d-8e6f-708192a3b4c5",
} as const;

/** The AttachUserPolicy record exactly as delivered, with spacing that a re-serialisation would lose. */
export const ATTACH_USER_POLICY_RAW =
  `{"eventVersion":"1.09",  "userIdentity":{"type":"IAMUser","principalId":"${REPORTS_SVC.principalId}",` +
  `"arn":"${REPORTS_SVC.arn}","accountId":"${DEMO_ACCOUNT_ID}","accessKeyId":"${ATTACK.createdAccessKeyId}",` +
  `"userName":"reports-svc"},"eventTime":"2026-11-17T02:21:47Z","eventSource":"iam.amazonaws.com",` +
  `"eventName":"AttachUserPolicy","awsRegion":"us-east-1","sourceIPAddress":"${ATTACKER.ip}",` +
  `"requestParameters":{"userName":"reports-svc","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"},` +
  `"eventID":"${EVENT_IDS.attachUserPolicy}","note":"caf\u00e9"}`;

interface SeedEvent {
  naturalId: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  principal: { key: string; arn: string; name: string };
  accessKeyId: string | null;
  sourceIp: string | null;
  userAgent: string | null;
  errorCode?: string | null;
  raw?: string;
  recordIndex: number;
}

const reportsSvc = { key: REPORTS_SVC.arn, arn: REPORTS_SVC.arn, name: REPORTS_SVC.userName };
const bob = { key: BOB_SECOPS.arn, arn: BOB_SECOPS.arn, name: BOB_SECOPS.userName };
const alice = {
  key: BREAK_GLASS_GRANT.actor.arn,
  arn: BREAK_GLASS_GRANT.actor.arn,
  name: BREAK_GLASS_GRANT.actor.userName,
};

function attackEvent(
  step: (typeof ATTACK.steps)[keyof typeof ATTACK.steps],
  naturalId: string,
  recordIndex: number,
): SeedEvent {
  return {
    naturalId,
    eventTime: step.eventTime,
    eventName: step.eventName,
    eventSource: step.eventSource,
    principal: reportsSvc,
    accessKeyId: step.accessKeyId,
    sourceIp: step.sourceIPAddress,
    userAgent: step.userAgent,
    errorCode: step.errorCode,
    recordIndex,
  };
}

const SEED_EVENTS: SeedEvent[] = [
  {
    naturalId: EVENT_IDS.beforeWindow,
    eventTime: "2026-11-17T01:30:00Z",
    eventName: "GetObject",
    eventSource: "s3.amazonaws.com",
    principal: reportsSvc,
    accessKeyId: ATTACK.stolenAccessKeyId,
    sourceIp: "3.88.21.112",
    userAgent: USER_AGENTS.reportsSvc,
    recordIndex: 0,
  },
  {
    naturalId: EVENT_IDS.baselineRead,
    eventTime: "2026-11-17T02:05:00Z",
    eventName: "GetObject",
    eventSource: "s3.amazonaws.com",
    principal: reportsSvc,
    accessKeyId: ATTACK.stolenAccessKeyId,
    sourceIp: "3.88.21.112",
    userAgent: USER_AGENTS.reportsSvc,
    recordIndex: 1,
  },
  attackEvent(ATTACK.steps.getCallerIdentity, EVENT_IDS.getCallerIdentity, 2),
  attackEvent(ATTACK.steps.createAccessKey, EVENT_IDS.createAccessKey, 3),
  attackEvent(ATTACK.steps.listBuckets, EVENT_IDS.listBuckets, 4),
  {
    ...attackEvent(ATTACK.steps.attachUserPolicy, EVENT_IDS.attachUserPolicy, 5),
    raw: ATTACH_USER_POLICY_RAW,
  },
  attackEvent(ATTACK.steps.stopLogging, EVENT_IDS.stopLogging, 6),
  {
    naturalId: EVENT_IDS.aliceUnrelated,
    eventTime: "2026-11-17T02:20:00Z",
    eventName: "GetUser",
    eventSource: "iam.amazonaws.com",
    principal: alice,
    accessKeyId: "ASIARZ5KQ3XHZZZZZZZZ",
    sourceIp: "64.124.16.37",
    userAgent: USER_AGENTS.aliceBrowser,
    recordIndex: 7,
  },
  {
    naturalId: EVENT_IDS.bobListAccessKeys,
    eventTime: CONTAINMENT.listAccessKeysTime,
    eventName: "ListAccessKeys",
    eventSource: "iam.amazonaws.com",
    principal: bob,
    accessKeyId: CONTAINMENT.sessionAccessKeyId,
    sourceIp: CONTAINMENT.sourceIPAddress,
    userAgent: CONTAINMENT.userAgent,
    recordIndex: 8,
  },
  {
    naturalId: EVENT_IDS.deactivateStolenKey,
    eventTime: CONTAINMENT.deactivateStolenKeyTime,
    eventName: "UpdateAccessKey",
    eventSource: "iam.amazonaws.com",
    principal: bob,
    accessKeyId: CONTAINMENT.sessionAccessKeyId,
    sourceIp: CONTAINMENT.sourceIPAddress,
    userAgent: CONTAINMENT.userAgent,
    recordIndex: 9,
  },
  {
    naturalId: EVENT_IDS.breakGlassGrant,
    eventTime: BREAK_GLASS_GRANT.eventTime,
    eventName: "AttachUserPolicy",
    eventSource: "iam.amazonaws.com",
    principal: alice,
    accessKeyId: BREAK_GLASS_GRANT.sessionAccessKeyId,
    sourceIp: BREAK_GLASS_GRANT.sourceIPAddress,
    userAgent: BREAK_GLASS_GRANT.userAgent,
    recordIndex: 10,
  },
];

function rawRecord(event: SeedEvent): string {
  if (event.raw) {
    return event.raw;
  }
  return JSON.stringify({
    eventVersion: "1.09",
    userIdentity: { type: "IAMUser", arn: event.principal.arn, accessKeyId: event.accessKeyId ?? "" },
    eventTime: event.eventTime,
    eventSource: event.eventSource,
    eventName: event.eventName,
    awsRegion: DEMO_REGION,
    sourceIPAddress: event.sourceIp,
    userAgent: event.userAgent,
    eventID: event.naturalId,
  });
}

export const FINDING_RAW_OLD = `{"id":"${GUARDDUTY_FINDING.id}","type":"${GUARDDUTY_FINDING.type}","service":{"count":3}}`;
export const FINDING_RAW_NEW = `{"id":"${GUARDDUTY_FINDING.id}","type":"${GUARDDUTY_FINDING.type}","service":{"count":5}}`;

export interface SeededSample {
  batchId: string;
  firstFileId: string;
  secondFileId: string;
  incidentId: string;
  belowThresholdIncidentId: string;
}

/** Seeds the sample; call once per test database. */
export async function seedSampleIncident(): Promise<SeededSample> {
  const batch = await db().ingestBatch.create({ data: { origin: "test" } });
  const firstFile = await db().ingestFile.create({
    data: { batchId: batch.id, path: FIRST_FILE_PATH, kind: "cloudtrail" },
  });
  const secondFile = await db().ingestFile.create({
    data: { batchId: batch.id, path: SECOND_FILE_PATH, kind: "cloudtrail" },
  });
  await seedEvents(batch.id, firstFile.id);
  await db().eventDelivery.create({
    data: {
      source: "cloudtrail",
      naturalId: EVENT_IDS.attachUserPolicy,
      batchId: batch.id,
      fileId: secondFile.id,
      recordIndex: 5,
      receivedAt: new Date("2026-11-17T02:40:00Z"),
    },
  });
  await seedPrincipals();
  await seedFinding(batch.id);
  const incidentId = await seedCompromise();
  const belowThresholdIncidentId = await seedBreakGlassGrant();
  return {
    batchId: batch.id,
    firstFileId: firstFile.id,
    secondFileId: secondFile.id,
    incidentId,
    belowThresholdIncidentId,
  };
}

async function seedEvents(batchId: string, fileId: string): Promise<void> {
  await db().event.createMany({
    data: SEED_EVENTS.map((event) => ({
      source: "cloudtrail",
      naturalId: event.naturalId,
      eventTime: new Date(event.eventTime),
      ingestedAt: new Date("2026-11-17T02:35:00Z"),
      accountId: DEMO_ACCOUNT_ID,
      region: DEMO_REGION,
      eventSource: event.eventSource,
      eventName: event.eventName,
      principalKey: event.principal.key,
      principalArn: event.principal.arn,
      principalType: "IAMUser",
      principalName: event.principal.name,
      accessKeyId: event.accessKeyId,
      sourceIp: event.sourceIp,
      userAgent: event.userAgent,
      errorCode: event.errorCode ?? null,
      batchId,
      fileId,
      recordIndex: event.recordIndex,
      rawCodec: 1,
      raw: new Uint8Array(encodeRaw(Buffer.from(rawRecord(event), "utf8"), 1).data),
    })),
  });
}

async function seedPrincipals(): Promise<void> {
  const seen = { firstSeen: new Date("2026-11-10T00:00:00Z"), lastSeen: new Date("2026-11-19T14:05:22Z") };
  await db().principal.createMany({
    data: [reportsSvc, bob, alice].map((principal) => ({
      key: principal.key,
      type: "IAMUser",
      arn: principal.arn,
      accountId: DEMO_ACCOUNT_ID,
      name: principal.name,
      ...seen,
    })),
  });
}

async function seedFinding(batchId: string): Promise<void> {
  await db().finding.create({
    data: {
      id: GUARDDUTY_FINDING.id,
      type: GUARDDUTY_FINDING.type,
      title: "API GetCallerIdentity was invoked from a known malicious IP address.",
      severity: GUARDDUTY_FINDING.severity,
      severityLabel: "Medium",
      accountId: DEMO_ACCOUNT_ID,
      region: DEMO_REGION,
      createdAt: new Date(GUARDDUTY_FINDING.createdAt),
      updatedAt: new Date(GUARDDUTY_FINDING.s3Export.updatedAt),
      eventFirstSeen: new Date(GUARDDUTY_FINDING.eventFirstSeen),
      eventLastSeen: new Date(GUARDDUTY_FINDING.s3Export.eventLastSeen),
      count: GUARDDUTY_FINDING.s3Export.count,
      principalKey: reportsSvc.key,
      accessKeyId: ATTACK.stolenAccessKeyId,
      remoteIps: [ATTACKER.ip],
      details: {},
      versions: {
        create: [
          {
            updatedAt: new Date(GUARDDUTY_FINDING.getFindings.updatedAt),
            count: GUARDDUTY_FINDING.getFindings.count,
            severity: GUARDDUTY_FINDING.severity,
            batchId,
            rawCodec: 1,
            raw: new Uint8Array(encodeRaw(Buffer.from(FINDING_RAW_OLD), 1).data),
          },
          {
            updatedAt: new Date(GUARDDUTY_FINDING.s3Export.updatedAt),
            count: GUARDDUTY_FINDING.s3Export.count,
            severity: GUARDDUTY_FINDING.severity,
            batchId,
            rawCodec: 1,
            raw: new Uint8Array(encodeRaw(Buffer.from(FINDING_RAW_NEW), 1).data),
          },
        ],
      },
    },
  });
}

interface SeedSignal {
  ruleId: string;
  source: string;
  naturalId: string;
  eventTime: string;
  phase: string;
  severity: string;
  score: number;
  title: string;
  principalKey: string;
  subjectKey?: string;
  accessKeyId: string | null;
  relatedKeyId?: string;
  sourceIp: string | null;
  eventName: string;
}

const COMPROMISE_SIGNALS: SeedSignal[] = [
  {
    ruleId: "guardduty.finding",
    source: "guardduty",
    naturalId: GUARDDUTY_FINDING.id,
    eventTime: GUARDDUTY_FINDING.eventFirstSeen,
    phase: "detection",
    severity: "medium",
    score: 30,
    title: "GuardDuty: API called from a known malicious address",
    principalKey: reportsSvc.key,
    accessKeyId: ATTACK.stolenAccessKeyId,
    sourceIp: ATTACKER.ip,
    eventName: "GetCallerIdentity",
  },
  {
    ruleId: "iam.create-access-key-for-self",
    source: "cloudtrail",
    naturalId: EVENT_IDS.createAccessKey,
    eventTime: ATTACK.steps.createAccessKey.eventTime,
    phase: "persistence",
    severity: "high",
    score: 25,
    title: "Access key created by a key from a new address",
    principalKey: reportsSvc.key,
    accessKeyId: ATTACK.stolenAccessKeyId,
    relatedKeyId: ATTACK.createdAccessKeyId,
    sourceIp: ATTACKER.ip,
    eventName: "CreateAccessKey",
  },
  {
    ruleId: "s3.list-buckets-new-principal",
    source: "cloudtrail",
    naturalId: EVENT_IDS.listBuckets,
    eventTime: ATTACK.steps.listBuckets.eventTime,
    phase: "reconnaissance",
    severity: "low",
    score: 10,
    title: "Bucket listing by a principal that never lists buckets",
    principalKey: reportsSvc.key,
    accessKeyId: ATTACK.stolenAccessKeyId,
    sourceIp: ATTACKER.ip,
    eventName: "ListBuckets",
  },
  {
    ruleId: "iam.attach-admin-policy",
    source: "cloudtrail",
    naturalId: EVENT_IDS.attachUserPolicy,
    eventTime: ATTACK.steps.attachUserPolicy.eventTime,
    phase: "privilege_escalation",
    severity: "critical",
    score: 40,
    title: "AdministratorAccess attached to a user",
    principalKey: reportsSvc.key,
    subjectKey: reportsSvc.key,
    accessKeyId: ATTACK.createdAccessKeyId,
    sourceIp: ATTACKER.ip,
    eventName: "AttachUserPolicy",
  },
  {
    ruleId: "cloudtrail.stop-logging",
    source: "cloudtrail",
    naturalId: EVENT_IDS.stopLogging,
    eventTime: ATTACK.steps.stopLogging.eventTime,
    phase: "defense_evasion",
    severity: "high",
    score: 30,
    title: "Attempt to stop CloudTrail logging",
    principalKey: reportsSvc.key,
    accessKeyId: ATTACK.createdAccessKeyId,
    sourceIp: ATTACKER.ip,
    eventName: "StopLogging",
  },
  {
    ruleId: "response.deactivate-access-key",
    source: "cloudtrail",
    naturalId: EVENT_IDS.deactivateStolenKey,
    eventTime: CONTAINMENT.deactivateStolenKeyTime,
    phase: "containment",
    severity: "info",
    score: 0,
    title: "Access key deactivated",
    principalKey: bob.key,
    subjectKey: reportsSvc.key,
    accessKeyId: CONTAINMENT.sessionAccessKeyId,
    relatedKeyId: ATTACK.stolenAccessKeyId,
    sourceIp: CONTAINMENT.sourceIPAddress,
    eventName: "UpdateAccessKey",
  },
];

/** A second rule on the AttachUserPolicy event, scoring lower than the first. */
const SECOND_RULE_ON_ATTACH: SeedSignal = {
  ...COMPROMISE_SIGNALS[3],
  ruleId: "iam.policy-change-new-address",
  severity: "medium",
  score: 15,
  title: "IAM policy changed from a new address",
};

async function seedCompromise(): Promise<string> {
  const incident = await db().incident.create({
    data: {
      title: "Stolen access key of reports-svc used from 85.17.31.122",
      severity: "critical",
      status: "contained",
      score: 150,
      principalKey: reportsSvc.key,
      accountId: DEMO_ACCOUNT_ID,
      firstSeen: new Date(GUARDDUTY_FINDING.eventFirstSeen),
      lastSeen: new Date(CONTAINMENT.deactivateStolenKeyTime),
      thresholdCrossedAt: new Date(ATTACK.steps.attachUserPolicy.eventTime),
      containedAt: new Date(CONTAINMENT.deactivateStolenKeyTime),
    },
  });
  await createSignals(incident.id, [...COMPROMISE_SIGNALS, SECOND_RULE_ON_ATTACH]);
  return incident.id;
}

async function seedBreakGlassGrant(): Promise<string> {
  const incident = await db().incident.create({
    data: {
      title: "AdministratorAccess granted to breakglass-admin",
      severity: "medium",
      status: "new",
      score: 40,
      principalKey: alice.key,
      accountId: DEMO_ACCOUNT_ID,
      firstSeen: new Date(BREAK_GLASS_GRANT.eventTime),
      lastSeen: new Date(BREAK_GLASS_GRANT.eventTime),
    },
  });
  await createSignals(incident.id, [
    {
      ruleId: "iam.attach-admin-policy",
      source: "cloudtrail",
      naturalId: EVENT_IDS.breakGlassGrant,
      eventTime: BREAK_GLASS_GRANT.eventTime,
      phase: "privilege_escalation",
      severity: "medium",
      score: 40,
      title: "AdministratorAccess attached to a user",
      principalKey: alice.key,
      subjectKey: BREAK_GLASS_GRANT.target.arn,
      accessKeyId: BREAK_GLASS_GRANT.sessionAccessKeyId,
      sourceIp: BREAK_GLASS_GRANT.sourceIPAddress,
      eventName: "AttachUserPolicy",
    },
  ]);
  return incident.id;
}

async function createSignals(incidentId: string, signals: SeedSignal[]): Promise<void> {
  await db().signal.createMany({
    data: signals.map((signal) => ({
      ...signal,
      eventTime: new Date(signal.eventTime),
      subjectKey: signal.subjectKey ?? null,
      relatedKeyId: signal.relatedKeyId ?? null,
      techniqueIds: [],
      details: {},
      incidentId,
    })),
  });
}
