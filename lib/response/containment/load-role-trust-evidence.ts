import { db } from "@/lib/db/client";
import { parsePolicyDocument } from "@/lib/detect/parse-policy-document";
import { decodeRaw } from "@/lib/ingest/raw-codec";
import { get, getString, isObject } from "@/lib/sources/common/json-fields";

import type { KnownTrustPolicy } from "./build-role-steps";
import type { RoleAssumer } from "./tighten-trust-policy";

/** Maximum duration of a role session (12 hours), so a session used in the incident began at most this long before it. */
const MAX_SESSION_MS = 12 * 60 * 60 * 1000;

// Upper bounds on the records decoded; trust-policy changes and AssumeRole calls for one role are far fewer.
const TRUST_EVENT_LIMIT = 500;
const ASSUME_EVENT_LIMIT = 5000;

export interface RoleTrustEvidence {
  trustPolicy: KnownTrustPolicy | null;
  assumers: RoleAssumer[];
}

/**
 * Reads a role's latest trust policy from CloudTrail (CreateRole or
 * UpdateAssumeRolePolicy) and the callers that assumed it from 12 hours
 * before the incident's first signal to its last.
 */
export async function loadRoleTrustEvidence(options: {
  roleArn: string;
  roleName: string;
  firstSeen: Date;
  lastSeen: Date;
}): Promise<RoleTrustEvidence> {
  const [trustPolicy, assumers] = await Promise.all([
    loadTrustPolicy(options.roleName, options.roleArn),
    loadAssumers(options.roleArn, new Date(options.firstSeen.getTime() - MAX_SESSION_MS), options.lastSeen),
  ]);
  return { trustPolicy, assumers };
}

async function loadTrustPolicy(roleName: string, roleArn: string): Promise<KnownTrustPolicy | null> {
  const accountId = roleArn.split(":")[4] ?? null;
  const rows = await db().event.findMany({
    where: {
      source: "cloudtrail",
      eventName: { in: ["CreateRole", "UpdateAssumeRolePolicy"] },
      errorCode: null,
      ...(accountId ? { accountId } : {}),
    },
    orderBy: [{ eventTime: "desc" }, { id: "desc" }],
    take: TRUST_EVENT_LIMIT,
    select: { naturalId: true, eventTime: true, eventName: true, raw: true, rawCodec: true },
  });
  for (const row of rows) {
    const record = decodeRecord(row.rawCodec, row.raw);
    if (getString(record, "requestParameters", "roleName") !== roleName) {
      continue;
    }
    const field = row.eventName === "CreateRole" ? "assumeRolePolicyDocument" : "policyDocument";
    const document = parsePolicyDocument(get(record, "requestParameters", field));
    if (document) {
      return { document, eventId: row.naturalId, eventTime: row.eventTime.toISOString() };
    }
  }
  return null;
}

async function loadAssumers(roleArn: string, from: Date, to: Date): Promise<RoleAssumer[]> {
  const rows = await db().event.findMany({
    where: { source: "cloudtrail", eventName: "AssumeRole", errorCode: null, eventTime: { gte: from, lte: to } },
    orderBy: [{ eventTime: "asc" }, { id: "asc" }],
    take: ASSUME_EVENT_LIMIT,
    select: { raw: true, rawCodec: true },
  });
  const assumers = new Map<string, RoleAssumer>();
  for (const row of rows) {
    const record = decodeRecord(row.rawCodec, row.raw);
    if (getString(record, "requestParameters", "roleArn") !== roleArn) {
      continue;
    }
    // A service assuming its role (ec2.amazonaws.com) is the trust the role exists for.
    if (getString(record, "userIdentity", "type") === "AWSService") {
      continue;
    }
    const arn = callerArn(record);
    const accountId = getString(record, "userIdentity", "accountId");
    assumers.set(arn ?? `account:${accountId}`, { arn, accountId });
  }
  return [...assumers.values()];
}

/**
 * Returns the caller as a trust policy names it: a role session by its role's ARN
 * (the session issuer, which keeps the role's path), anything else by its ARN.
 */
function callerArn(record: unknown): string | null {
  if (getString(record, "userIdentity", "type") === "AssumedRole") {
    return getString(record, "userIdentity", "sessionContext", "sessionIssuer", "arn");
  }
  return getString(record, "userIdentity", "arn");
}

function decodeRecord(codec: number, raw: Uint8Array): unknown {
  try {
    const parsed: unknown = JSON.parse(decodeRaw(codec, raw).toString("utf8"));
    return isObject(parsed) ? parsed : null;
  } catch {
    // A record that does not decode names no role, so it is passed over.
    return null;
  }
}
