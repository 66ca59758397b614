import { getString } from "@/lib/sources/common/json-fields";

import { loadStoredRecords } from "./load-stored-records";

/** STS calls whose response carries new temporary credentials. */
export const SESSION_CALLS = ["GetSessionToken", "AssumeRole", "GetFederationToken"] as const;

/** Temporary credentials (an ASIA key) obtained by one STS call. */
export interface ObtainedSession {
  /** The temporary access key id from responseElements.credentials. */
  accessKeyId: string;
  /** The key that signed the STS call. */
  obtainedWith: string | null;
  eventName: string;
  eventTime: string;
  naturalId: string;
  principalKey: string | null;
  /** The role assumed, for AssumeRole. */
  roleArn: string | null;
  expiration: string | null;
}

function toSession(item: Awaited<ReturnType<typeof loadStoredRecords>>[number]): ObtainedSession | null {
  const accessKeyId = getString(item.record, "responseElements", "credentials", "accessKeyId");
  if (accessKeyId === null) {
    return null;
  }
  return {
    accessKeyId,
    obtainedWith: item.accessKeyId,
    eventName: item.eventName ?? "",
    eventTime: item.eventTime.toISOString(),
    naturalId: item.naturalId,
    principalKey: item.principalKey,
    roleArn: getString(item.record, "requestParameters", "roleArn"),
    expiration: getString(item.record, "responseElements", "credentials", "expiration"),
  };
}

/** Lists the temporary credentials obtained with a key, newest first, from its successful STS calls. */
export async function loadSessionsObtainedWith(accessKeyId: string): Promise<ObtainedSession[]> {
  const records = await loadStoredRecords({
    where: "e.access_key_id = $1 AND e.event_name = ANY($2::text[]) AND e.error_code IS NULL",
    values: [accessKeyId, SESSION_CALLS],
    limit: 500,
  });
  return records.flatMap((item) => toSession(item) ?? []);
}

// GetSessionToken credentials last up to 36 hours, longer than any other
// STS credentials (AWS STS API Reference, GetSessionToken DurationSeconds).
const MAX_SESSION_MS = 36 * 3_600_000;

/**
 * Finds the STS call that issued a temporary key, looking at STS calls from
 * the longest session duration before the key's first use up to that use.
 */
export async function findSessionOrigin(accessKeyId: string, firstSeen: Date): Promise<ObtainedSession | null> {
  const records = await loadStoredRecords({
    where: "e.event_name = ANY($1::text[]) AND e.error_code IS NULL AND e.event_time BETWEEN $2 AND $3",
    values: [SESSION_CALLS, new Date(firstSeen.getTime() - MAX_SESSION_MS), firstSeen],
    limit: 5_000,
  });
  for (const item of records) {
    const session = toSession(item);
    if (session?.accessKeyId === accessKeyId) {
      return session;
    }
  }
  return null;
}
