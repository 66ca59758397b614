import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";

import { GENESIS_HASH, hashAuditEntry } from "./hash-audit-entry";

/** A Prisma interactive-transaction client. */
export type Transaction = Prisma.TransactionClient;

export interface AuditEntryInput {
  actor: Actor;
  /** Dotted verb, for example `incident.status_changed` or `token.revoked`. */
  action: string;
  targetType: string;
  targetId?: string | null;
  incidentId?: string | null;
  details?: Record<string, unknown>;
}

// Serialises appends across connections so that each entry links to the one before it.
const AUDIT_CHAIN_LOCK = 7_250_011;

/**
 * Appends one entry to the hash-chained audit log. Call it inside the same
 * transaction as the change it records, so that both commit or neither does.
 */
export async function appendAuditEntry(tx: Transaction, input: AuditEntryInput): Promise<{ seq: bigint; hash: string }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const [{ seq }] = await tx.$queryRaw<Array<{ seq: bigint }>>`SELECT nextval(pg_get_serial_sequence('audit_entries', 'seq')) AS seq`;
  const at = new Date();
  const details = JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    seq,
    at,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    incidentId: input.incidentId ?? null,
    details,
    prevHash,
  };
  const hash = hashAuditEntry(fields);
  await tx.auditEntry.create({ data: { ...fields, details: details as Prisma.InputJsonValue, hash } });
  return { seq, hash };
}
