import { isObject, type JsonObject } from "@/lib/sources/common/json-fields";

/**
 * Reads an IAM policy document as CloudTrail logs it in requestParameters.
 * It is usually a JSON string, sometimes still URL-encoded as the IAM query
 * API receives it (RFC 3986, or form encoding with `+` for spaces), and in
 * some exports already an object. Returns null when none of these parses.
 */
export function parsePolicyDocument(value: unknown): JsonObject | null {
  if (isObject(value)) {
    return value;
  }
  if (typeof value !== "string") {
    return null;
  }
  const attempts: Array<() => string> = [
    () => value,
    () => decodeURIComponent(value),
    () => decodeURIComponent(value.replace(/\+/g, " ")),
  ];
  for (const attempt of attempts) {
    try {
      const parsed: unknown = JSON.parse(attempt());
      if (isObject(parsed)) {
        return parsed;
      }
    } catch {
      // Not this encoding; the next attempt decodes differently.
    }
  }
  return null;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) {
    return value;
  }
  return value === undefined ? [] : [value];
}

function includesWildcard(value: unknown): boolean {
  return asList(value).some((item) => item === "*");
}

/** A statement that applies `effect` to every action on every resource. */
export interface WildcardStatement {
  sid: string | null;
  /** A Condition narrows the statement; it is reported, not ignored. */
  conditional: boolean;
}

/**
 * Finds the first statement with the given Effect whose Action and Resource
 * both include `*`. Element names and the Effect value are case-sensitive
 * in IAM's policy grammar, so other spellings do not match.
 */
export function findWildcardStatement(document: JsonObject, effect: "Allow" | "Deny"): WildcardStatement | null {
  for (const statement of asList(document.Statement)) {
    if (!isObject(statement) || statement.Effect !== effect) {
      continue;
    }
    if (includesWildcard(statement.Action) && includesWildcard(statement.Resource)) {
      const sid = typeof statement.Sid === "string" ? statement.Sid : null;
      return { sid, conditional: statement.Condition !== undefined };
    }
  }
  return null;
}

/** True when the document allows `*` on `*`, which is administrator access. */
export function grantsAllActions(value: unknown): boolean {
  const document = parsePolicyDocument(value);
  return document !== null && findWildcardStatement(document, "Allow") !== null;
}

/** True when the document denies `*` on `*`, the usual way to quarantine a user. */
export function deniesAllActions(value: unknown): boolean {
  const document = parsePolicyDocument(value);
  return document !== null && findWildcardStatement(document, "Deny") !== null;
}

/** A principal of an Allow statement from outside the account, or anyone at all. */
export interface OutsidePrincipal {
  /** As written in the policy: `*`, an account id, or an ARN. */
  principal: string;
  /** The principal's account; null for `*`. */
  accountId: string | null;
  /** The statement has a Condition that may narrow who it admits. */
  conditional: boolean;
}

const ACCOUNT_IN_ARN = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/;

function accountOfPrincipal(principal: string): string | null {
  if (/^\d{12}$/.test(principal)) {
    return principal;
  }
  return ACCOUNT_IN_ARN.exec(principal)?.[1] ?? null;
}

/** Lists the `Principal` values of a statement that name AWS accounts or everyone. */
function awsPrincipals(statement: JsonObject): string[] {
  const principal = statement.Principal;
  if (principal === "*") {
    return ["*"];
  }
  if (!isObject(principal)) {
    return [];
  }
  return asList(principal.AWS).filter((item): item is string => typeof item === "string");
}

/**
 * Finds the principals an Allow statement admits from outside `accountId`:
 * `*` (anyone with an AWS account), or the root, a user or a role of another
 * account. Service principals and principals of the same account are not
 * listed. Accepts what parsePolicyDocument accepts.
 */
export function findOutsidePrincipals(value: unknown, accountId: string | null): OutsidePrincipal[] {
  const document = parsePolicyDocument(value);
  if (document === null) {
    return [];
  }
  const outside: OutsidePrincipal[] = [];
  for (const statement of asList(document.Statement)) {
    if (!isObject(statement) || statement.Effect !== "Allow") {
      continue;
    }
    for (const principal of awsPrincipals(statement)) {
      const owner = principal === "*" ? null : accountOfPrincipal(principal);
      if (principal === "*" || (owner !== null && owner !== accountId)) {
        outside.push({ principal, accountId: owner, conditional: statement.Condition !== undefined });
      }
    }
  }
  return outside;
}
