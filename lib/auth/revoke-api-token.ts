import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry, type Transaction } from "@/lib/response/audit/append-audit-entry";

import type { Actor } from "./actor";
import { toApiTokenSummary, type ApiTokenSummary } from "./api-token-summary";
import { requireValid } from "./require-valid";

export interface RevokeApiTokenOptions {
  actor: Actor;
  id: string;
}

/**
 * Revokes an API token: the next request that sends it gets 401. Throws
 * `not_found` for an unknown id and `conflict` when it is already revoked.
 */
export async function revokeApiToken(options: RevokeApiTokenOptions): Promise<ApiTokenSummary> {
  const id = requireValid(z.guid(), options.id, "id");
  const row = await db().$transaction(async (tx) => {
    const revoked = await tx.apiToken.updateManyAndReturn({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const token = revoked[0];
    if (!token) {
      throw await explainNotRevoked(tx, id);
    }
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "token.revoked",
      targetType: "api_token",
      targetId: token.id,
      details: { name: token.name, role: token.role, prefix: token.prefix },
    });
    return token;
  });
  logger.info({ tokenId: row.id, actor: options.actor.label }, "API token revoked");
  return toApiTokenSummary(row);
}

async function explainNotRevoked(tx: Transaction, id: string): Promise<ApiError> {
  const existing = await tx.apiToken.findUnique({ where: { id } });
  if (!existing) {
    return new ApiError("not_found", `No API token has the id ${id}.`);
  }
  return new ApiError("conflict", `API token ${id} was already revoked at ${existing.revokedAt?.toISOString()}.`);
}
