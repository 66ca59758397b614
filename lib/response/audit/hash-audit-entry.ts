import { createHash } from "node:crypto";

/** The fields an audit entry's hash covers, in a fixed order. */
export interface AuditHashInput {
  seq: bigint;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  incidentId: string | null;
  details: unknown;
  prevHash: string;
}

/** Hash of the chain before the first entry. */
export const GENESIS_HASH = "0".repeat(64);

/** JSON with object keys sorted, so that the hash does not depend on key order after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 over the previous hash and the entry's fields. */
export function hashAuditEntry(entry: AuditHashInput): string {
  const payload = canonicalJson({
    seq: entry.seq.toString(),
    at: entry.at.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    incidentId: entry.incidentId,
    details: entry.details,
  });
  return createHash("sha256").update(entry.prevHash).update("\n").update(payload).digest("hex");
}
