import { db } from "@/lib/db/client";
import type { Signal } from "@/lib/generated/prisma/client";
import { isObject } from "@/lib/sources/common/json-fields";

import type { PolicyGrant } from "./build-policy-grant-steps";
import type { UserAccessKey } from "./build-user-steps";
import type { ContainmentPrincipal } from "./containment-types";

/** The facts a containment plan is built from. */
export interface ContainmentContext {
  incident: { id: string; principalKey: string; accountId: string | null; firstSeen: Date; lastSeen: Date };
  principal: ContainmentPrincipal;
  /** Long-term keys of the principal and keys created during the incident, oldest first. */
  accessKeys: UserAccessKey[];
  grants: PolicyGrant[];
}

const GRANT_EVENTS = /^(Attach|Put)(User|Role|Group)Policy$|^CreatePolicyVersion$/;

// Long-term keys start with AKIA; temporary (ASIA) keys expire on their own and cannot be deactivated.
const LONG_TERM_KEY = /^AKIA/;

/** Loads an incident's principal, access keys and grants; returns null when no incident has this id. */
export async function loadContainmentContext(incidentId: string): Promise<ContainmentContext | null> {
  const incident = await db().incident.findUnique({
    where: { id: incidentId },
    include: { signals: { orderBy: [{ eventTime: "asc" }, { id: "asc" }] } },
  });
  if (!incident) {
    return null;
  }
  const principal = await loadPrincipal(incident.principalKey, incident.accountId);
  const accessKeys = principal.type === "IAMUser" ? await loadAccessKeys(principal, incident.signals) : [];
  return {
    incident: {
      id: incident.id,
      principalKey: incident.principalKey,
      accountId: incident.accountId,
      firstSeen: incident.firstSeen,
      lastSeen: incident.lastSeen,
    },
    principal,
    accessKeys,
    grants: readGrants(incident.signals),
  };
}

async function loadPrincipal(key: string, incidentAccountId: string | null): Promise<ContainmentPrincipal> {
  const row = await db().principal.findUnique({ where: { key } });
  const arn = row?.arn ?? (key.startsWith("arn:") ? key : null);
  return {
    key,
    type: row?.type ?? typeFromArn(arn),
    arn,
    // The last ARN segment is the name; a path (user/service/reports-svc) comes before it.
    name: row?.name ?? arn?.split("/").at(-1) ?? null,
    accountId: row?.accountId ?? incidentAccountId,
    partition: arn?.split(":")[1] || "aws",
  };
}

function typeFromArn(arn: string | null): string {
  if (arn === null) {
    return "Unknown";
  }
  if (/:user\//.test(arn)) {
    return "IAMUser";
  }
  if (/:role\//.test(arn)) {
    return "AssumedRole";
  }
  return /:root$/.test(arn) ? "Root" : "Unknown";
}

/**
 * Loads the user's long-term keys and the keys created during the incident,
 * for the user or for others. A created key's user name comes from its
 * CreateAccessKey signal, because its owner may have no principals row yet.
 */
async function loadAccessKeys(principal: ContainmentPrincipal, signals: Signal[]): Promise<UserAccessKey[]> {
  const created = new Map<string, string | null>();
  for (const signal of signals) {
    if (signal.ruleId === "iam-create-access-key" && signal.relatedKeyId) {
      created.set(signal.relatedKeyId, readString(signal.details, "targetUserName"));
    }
  }
  const rows = await db().accessKey.findMany({
    where: { OR: [{ principalKey: principal.key }, { accessKeyId: { in: [...created.keys()] } }] },
  });
  const owners = await db().principal.findMany({
    where: { key: { in: rows.flatMap((row) => (row.principalKey ? [row.principalKey] : [])) } },
    select: { key: true, name: true },
  });
  const ownerNames = new Map(owners.map((owner) => [owner.key, owner.name]));
  return rows
    .filter((row) => LONG_TERM_KEY.test(row.accessKeyId))
    .sort((a, b) => keyTime(a) - keyTime(b) || (a.accessKeyId < b.accessKeyId ? -1 : 1))
    .flatMap((row) => {
      const userName =
        (row.principalKey === principal.key ? principal.name : null) ??
        created.get(row.accessKeyId) ??
        (row.principalKey ? ownerNames.get(row.principalKey) : null) ??
        null;
      return userName === null ? [] : [{ accessKeyId: row.accessKeyId, userName, createdInIncident: created.has(row.accessKeyId) }];
    });
}

function keyTime(row: { createdAt: Date | null; firstSeen: Date | null }): number {
  return (row.createdAt ?? row.firstSeen)?.getTime() ?? 0;
}

/** Reads the grants of the incident's privilege-escalation signals that changed IAM policies. */
export function readGrants(signals: readonly Pick<Signal, "phase" | "eventName" | "naturalId" | "eventTime" | "details">[]): PolicyGrant[] {
  return signals.flatMap((signal): PolicyGrant[] => {
    if (signal.phase !== "privilege_escalation" || !signal.eventName || !GRANT_EVENTS.test(signal.eventName)) {
      return [];
    }
    const details = signal.details;
    const target = isObject(details) && isObject(details.target) ? details.target : null;
    const eventId = signal.naturalId;
    if (signal.eventName === "CreatePolicyVersion") {
      const policyArn = target?.type === "policy" && typeof target.arn === "string" ? target.arn : null;
      return policyArn ? [{ kind: "policy-version", policyArn, eventId, eventTime: signal.eventTime.toISOString() }] : [];
    }
    const type = target?.type;
    const name = target?.name;
    if ((type !== "user" && type !== "role" && type !== "group") || typeof name !== "string") {
      return [];
    }
    const policyArn = readString(details, "policyArn");
    const policyName = readString(details, "policyName");
    if (signal.eventName.startsWith("Attach") && policyArn) {
      return [{ kind: "managed", target: { type, name }, policyArn, eventId }];
    }
    if (signal.eventName.startsWith("Put") && policyName) {
      return [{ kind: "inline", target: { type, name }, policyName, eventId }];
    }
    return [];
  });
}

function readString(details: unknown, field: string): string | null {
  const value = isObject(details) ? details[field] : undefined;
  return typeof value === "string" ? value : null;
}
