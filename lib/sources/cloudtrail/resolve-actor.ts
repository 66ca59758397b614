/**
 * Turns a CloudTrail `userIdentity` into the principal an analyst recognises, with
 * a stable key for baselines and correlation. The identity types and their fields
 * follow the CloudTrail User Guide, "CloudTrail userIdentity element".
 */
import type { Actor } from "@/lib/ingest/types";

type Json = Record<string, unknown>;

const ACCOUNT_ID = /^\d{12}$/;
const ANONYMOUS = "ANONYMOUS_PRINCIPAL";

export function resolveActor(record: Json): Actor {
  const identity = asObject(record.userIdentity);
  const recipient = str(record.recipientAccountId);
  if (!identity) {
    // Insights events and some service events carry no userIdentity at all.
    return actor({ key: `none:${recipient ?? "unknown"}`, type: "None", accountId: recipient });
  }
  const type = str(identity.type) ?? "Unknown";
  switch (type) {
    case "IAMUser":
      return iamUser(identity);
    case "AssumedRole":
      return assumedRole(identity);
    case "Root":
      return root(identity, recipient);
    case "AWSService":
      return awsService(identity, record);
    case "FederatedUser":
      return federatedUser(identity);
    case "AWSAccount":
      return awsAccount(identity);
    case "IdentityCenterUser":
      return identityCenterUser(identity);
    default:
      return otherIdentity(type, identity, recipient);
  }
}

/** userIdentity.accessKeyId; AWS writes "" when no key was used (console sign-in). */
export function accessKeyIdOf(record: Json): string | null {
  return str(asObject(record.userIdentity)?.accessKeyId);
}

function iamUser(identity: Json): Actor {
  const arn = str(identity.arn);
  const accountId = accountOf(identity, arn);
  // The ARN may carry a path (user/division/alice); the name is its last segment.
  const name = str(identity.userName) ?? lastSegment(arn);
  // Failed console sign-ins name the user without an ARN; assume no path then.
  const key = arn ?? (name && accountId ? `arn:aws:iam::${accountId}:user/${name}` : null);
  return actor({
    key: key ?? `iam-user:${str(identity.principalId) ?? accountId ?? "unknown"}`,
    type: "IAMUser",
    arn,
    accountId,
    name,
    id: str(identity.principalId),
  });
}

function assumedRole(identity: Json): Actor {
  const sessionArn = str(identity.arn);
  const issuer = asObject(asObject(identity.sessionContext)?.sessionIssuer);
  const parsed = parseAssumedRoleArn(sessionArn);
  // The issuer ARN keeps the role path (role/service-role/Name), which the
  // assumed-role ARN drops, so it is preferred when present.
  const roleArn = str(issuer?.arn) ?? parsed?.roleArn ?? null;
  const accountId = accountOf(identity, roleArn ?? sessionArn);
  const principalId = str(identity.principalId);
  return actor({
    key: roleArn ?? `assumed-role:${principalId ?? accountId ?? "unknown"}`,
    type: "AssumedRole",
    arn: roleArn,
    accountId,
    name: str(issuer?.userName) ?? parsed?.roleName ?? lastSegment(roleArn),
    sessionName: parsed?.sessionName ?? sessionFromPrincipalId(principalId),
    id: principalId,
  });
}

function root(identity: Json, recipient: string | null): Actor {
  const arn = str(identity.arn);
  const accountId = accountOf(identity, arn) ?? recipient;
  const partition = partitionOf(arn);
  const key = arn ?? `arn:${partition}:iam::${accountId ?? "unknown"}:root`;
  return actor({
    key,
    type: "Root",
    arn: arn ?? (accountId ? key : null),
    accountId,
    name: "root",
    id: str(identity.principalId),
  });
}

function awsService(identity: Json, record: Json): Actor {
  const service = str(identity.invokedBy) ?? str(record.eventSource) ?? "unknown";
  return actor({
    key: `service:${service}`,
    type: "AWSService",
    accountId: accountOf(identity, null),
    name: service,
    id: str(identity.principalId),
  });
}

function federatedUser(identity: Json): Actor {
  const arn = str(identity.arn);
  const accountId = accountOf(identity, arn);
  return actor({
    key: arn ?? `federated-user:${str(identity.principalId) ?? accountId ?? "unknown"}`,
    type: "FederatedUser",
    arn,
    accountId,
    name: lastSegment(arn),
    id: str(identity.principalId),
  });
}

function awsAccount(identity: Json): Actor {
  // Another account's principal, or ANONYMOUS_PRINCIPAL for unsigned requests.
  const account = str(identity.accountId) ?? "unknown";
  return actor({
    key: `account:${account}`,
    type: "AWSAccount",
    accountId: ACCOUNT_ID.test(account) ? account : null,
    name: account === ANONYMOUS ? ANONYMOUS : str(identity.principalId),
    id: str(identity.principalId),
  });
}

function identityCenterUser(identity: Json): Actor {
  // These records have no ARN: the user is known by its identity store and id.
  const onBehalfOf = asObject(identity.onBehalfOf);
  const store = str(onBehalfOf?.identityStoreArn);
  const userId = str(onBehalfOf?.userId);
  const accountId = str(identity.accountId);
  return actor({
    key: `identity-center:${store ?? accountId ?? "unknown"}/${userId ?? "unknown"}`,
    type: "IdentityCenterUser",
    accountId,
    name: str(identity.userName) ?? userId,
    namespace: store,
    id: userId,
  });
}

function otherIdentity(type: string, identity: Json, recipient: string | null): Actor {
  // Unknown, SAMLUser, WebIdentityUser and types added later.
  const arn = str(identity.arn);
  const accountId = accountOf(identity, arn) ?? (type === "Unknown" ? recipient : null);
  const provider = str(identity.identityProvider);
  const userName = str(identity.userName);
  const federated = provider && userName ? `${provider}/${userName}` : null;
  const key =
    arn ??
    (federated ? `${type.toLowerCase()}:${federated}` : `${type.toLowerCase()}:${accountId ?? "unknown"}`);
  return actor({
    key,
    type,
    arn,
    accountId,
    name: userName ?? lastSegment(arn),
    namespace: provider,
    id: str(identity.principalId),
  });
}

export function parseAssumedRoleArn(
  arn: string | null,
): { roleArn: string; roleName: string; sessionName: string | null } | null {
  // arn:<partition>:sts::<account>:assumed-role/<role name>/<session name>
  const m = arn ? /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)(?:\/(.+))?$/.exec(arn) : null;
  if (!m) {
    return null;
  }
  const [, partition, account, roleName, sessionName] = m;
  return {
    roleArn: `arn:${partition}:iam::${account}:role/${roleName}`,
    roleName,
    sessionName: sessionName ?? null,
  };
}

function actor(fields: Partial<Actor> & { key: string; type: string }): Actor {
  return {
    key: fields.key,
    type: fields.type,
    arn: fields.arn ?? null,
    accountId: fields.accountId ?? null,
    name: fields.name ?? null,
    sessionName: fields.sessionName ?? null,
    namespace: fields.namespace ?? null,
    id: fields.id ?? null,
  };
}

function accountOf(identity: Json, arn: string | null): string | null {
  const account = str(identity.accountId);
  if (account) {
    return account;
  }
  const fromArn = arn?.split(":")[4];
  return fromArn && ACCOUNT_ID.test(fromArn) ? fromArn : null;
}

function partitionOf(arn: string | null): string {
  return arn?.startsWith("arn:") ? arn.split(":")[1] || "aws" : "aws";
}

function lastSegment(arn: string | null): string | null {
  if (!arn) {
    return null;
  }
  const resource = arn.split(":").slice(5).join(":");
  const last = resource.split("/").pop();
  return last ? last : null;
}

function sessionFromPrincipalId(principalId: string | null): string | null {
  // AROA...:session-name
  const at = principalId?.indexOf(":") ?? -1;
  return principalId && at > 0 ? principalId.slice(at + 1) : null;
}

function asObject(value: unknown): Json | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}
