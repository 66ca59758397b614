import type { PoolClient } from "pg";

import type { GuardDutyFinding } from "@/lib/sources/guardduty/types";

export interface FindingPrincipalRef {
  key: string | null;
  arn: string | null;
  type: string | null;
  name: string | null;
}

/**
 * Resolves the principal a GuardDuty finding names to the key CloudTrail
 * events use. GuardDuty gives only the user name and type, not the IAM path,
 * so the access key's owner (or a principal of that name in the account) is
 * preferred over an ARN rebuilt without the path.
 */
export async function resolveFindingPrincipal(
  client: PoolClient,
  finding: GuardDutyFinding,
): Promise<FindingPrincipalRef> {
  const principal = finding.principal;
  if (!principal) {
    return { key: null, arn: null, type: null, name: null };
  }
  const byKey = principal.accessKeyId
    ? await client.query<{ key: string; arn: string | null }>(
        `SELECT p.key, p.arn FROM access_keys k JOIN principals p ON p.key = k.principal_key WHERE k.access_key_id = $1`,
        [principal.accessKeyId],
      )
    : null;
  const known = byKey?.rows[0];
  if (known) {
    return { key: known.key, arn: known.arn, type: principal.userType, name: principal.userName };
  }
  const rebuilt = rebuildArn(finding.accountId, principal.userType, principal.userName);
  if (principal.userName && finding.accountId) {
    const byName = await client.query<{ key: string; arn: string | null }>(
      `SELECT key, arn FROM principals WHERE account_id = $1 AND name = $2 AND type = $3 LIMIT 1`,
      [finding.accountId, principal.userName, principal.userType === "AssumedRole" ? "AssumedRole" : "IAMUser"],
    );
    const named = byName.rows[0];
    if (named) {
      return { key: named.key, arn: named.arn, type: principal.userType, name: principal.userName };
    }
  }
  return { key: rebuilt, arn: rebuilt, type: principal.userType, name: principal.userName };
}

function rebuildArn(accountId: string | null, userType: string | null, name: string | null): string | null {
  if (!accountId) {
    return null;
  }
  if (userType === "Root") {
    return `arn:aws:iam::${accountId}:root`;
  }
  if (!name) {
    return null;
  }
  return userType === "AssumedRole" ? `arn:aws:iam::${accountId}:role/${name}` : `arn:aws:iam::${accountId}:user/${name}`;
}
