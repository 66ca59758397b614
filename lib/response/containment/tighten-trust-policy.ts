import { isObject, type JsonObject } from "@/lib/sources/common/json-fields";

/** A caller that assumed the role during the incident. */
export interface RoleAssumer {
  /** The caller's ARN; null for a principal of another account, which CloudTrail names only by account. */
  arn: string | null;
  accountId: string | null;
}

export interface TrustTightening {
  /** The trust policy without the removed principals, or null when nothing could be removed. */
  document: JsonObject | null;
  /** AWS principals removed from the trust policy. */
  removed: string[];
}

const ACCOUNT_ROOT = /^arn:[^:]+:iam::(\d{12}):root$/;

/**
 * Removes, from the Allow statements of a trust policy, the AWS principals
 * through which the incident's callers assumed the role: their exact ARNs,
 * and the root or bare id of another account they came from. Trust in the
 * role's own account is left alone, because removing it would lock out the
 * account's legitimate users too. Statements left without principals are
 * dropped; when none would remain, `document` is null.
 */
export function tightenTrustPolicy(options: {
  document: JsonObject;
  assumers: readonly RoleAssumer[];
  roleAccountId: string | null;
}): TrustTightening {
  const arns = new Set(options.assumers.flatMap((assumer) => (assumer.arn ? [assumer.arn] : [])));
  const externalAccounts = new Set(
    options.assumers.flatMap((assumer) =>
      assumer.accountId && assumer.accountId !== options.roleAccountId ? [assumer.accountId] : [],
    ),
  );
  const isUntrusted = (principal: string): boolean => {
    if (arns.has(principal)) {
      return true;
    }
    const account = ACCOUNT_ROOT.exec(principal)?.[1] ?? (/^\d{12}$/.test(principal) ? principal : null);
    return account !== null && externalAccounts.has(account);
  };
  const removed: string[] = [];
  const statements = asList(options.document.Statement).flatMap((statement) => {
    const kept = filterStatement(statement, isUntrusted, removed);
    return kept === null ? [] : [kept];
  });
  // IAM rejects a trust policy without statements, so that case is left to a person.
  if (removed.length === 0 || statements.length === 0) {
    return { document: null, removed };
  }
  return { document: { ...options.document, Statement: statements }, removed };
}

/** Returns the statement without untrusted AWS principals, or null when none remain. */
function filterStatement(statement: unknown, isUntrusted: (principal: string) => boolean, removed: string[]): unknown {
  if (!isObject(statement) || statement.Effect !== "Allow" || !isObject(statement.Principal)) {
    return statement;
  }
  const principal = statement.Principal;
  const aws = asList(principal.AWS).filter((value): value is string => typeof value === "string");
  const kept = aws.filter((value) => !isUntrusted(value));
  if (kept.length === aws.length) {
    return statement;
  }
  removed.push(...aws.filter((value) => isUntrusted(value)));
  const { AWS: _removed, ...others } = principal;
  const nextPrincipal = kept.length === 0 ? others : { ...others, AWS: kept.length === 1 ? kept[0] : kept };
  if (Object.keys(nextPrincipal).length === 0) {
    return null;
  }
  return { ...statement, Principal: nextPrincipal };
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  return value === undefined ? [] : [value];
}
