import { randomUUID } from "node:crypto";

import type { JsonRecord } from "./build-cloudtrail-row";

export const FIXTURE_ACCOUNT = "111122223333";
export const ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess";

/** An IAM user making calls from one address with one client. */
export interface FixtureCaller {
  userName: string;
  /** IAM path, `/` unless given. */
  path?: string;
  accountId?: string;
  accessKeyId: string;
  sourceIp: string;
  userAgent: string;
}

export interface FixtureCall {
  caller: FixtureCaller;
  eventSource: string;
  eventName: string;
  time: string | Date;
  requestParameters?: JsonRecord | null;
  responseElements?: JsonRecord | null;
  errorCode?: string;
  errorMessage?: string;
  region?: string;
  eventId?: string;
}

export function userArn(caller: Pick<FixtureCaller, "userName" | "path" | "accountId">): string {
  return `arn:aws:iam::${caller.accountId ?? FIXTURE_ACCOUNT}:user${caller.path ?? "/"}${caller.userName}`;
}

/** Builds a CloudTrail record of an IAM user's API call, shaped as CloudTrail writes it. */
export function iamUserCall(call: FixtureCall): JsonRecord {
  const account = call.caller.accountId ?? FIXTURE_ACCOUNT;
  const time = typeof call.time === "string" ? new Date(call.time) : call.time;
  const record: JsonRecord = {
    eventVersion: "1.10",
    userIdentity: {
      type: "IAMUser",
      principalId: `AIDA${call.caller.userName.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
      arn: userArn(call.caller),
      accountId: account,
      accessKeyId: call.caller.accessKeyId,
      userName: call.caller.userName,
    },
    eventTime: time.toISOString().replace(/\.000Z$/, "Z"),
    eventSource: call.eventSource,
    eventName: call.eventName,
    awsRegion: call.region ?? "us-east-1",
    sourceIPAddress: call.caller.sourceIp,
    userAgent: call.caller.userAgent,
    requestParameters: call.requestParameters ?? null,
    responseElements: call.responseElements ?? null,
    requestID: randomUUID(),
    eventID: call.eventId ?? randomUUID(),
    readOnly: /^(List|Get|Describe)/.test(call.eventName),
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: account,
    eventCategory: "Management",
  };
  if (call.errorCode !== undefined) {
    record.errorCode = call.errorCode;
    record.errorMessage = call.errorMessage ?? `${call.eventName} failed`;
  }
  return record;
}

/**
 * Ordinary daily calls of a caller: `perDay` calls per day for `days` days
 * ending just before `until`, cycling through `calls`.
 */
export function historyCalls(options: {
  caller: FixtureCaller;
  until: string;
  days: number;
  perDay?: number;
  calls?: Array<[string, string]>;
}): JsonRecord[] {
  const calls = options.calls ?? [
    ["s3.amazonaws.com", "ListBuckets"],
    ["sts.amazonaws.com", "GetCallerIdentity"],
    ["iam.amazonaws.com", "GetUser"],
  ];
  const perDay = options.perDay ?? 3;
  const end = new Date(options.until).getTime();
  const records: JsonRecord[] = [];
  for (let day = options.days; day >= 1; day -= 1) {
    for (let n = 0; n < perDay; n += 1) {
      const [eventSource, eventName] = calls[(day * perDay + n) % calls.length];
      const time = new Date(end - day * 86_400_000 + n * 3_600_000);
      records.push(iamUserCall({ caller: options.caller, eventSource, eventName, time }));
    }
  }
  return records;
}
