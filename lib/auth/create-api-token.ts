import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import type { Actor, Role } from "./actor";
import { toApiTokenSummary, type ApiTokenSummary } from "./api-token-summary";
import { roleSchema, tokenNameSchema } from "./auth-schemas";
import { generateApiToken } from "./generate-secret";
import { requireValid } from "./require-valid";

export interface CreateApiTokenOptions {
  actor: Actor;
  name: string;
  role: Role;
}

/**
 * Creates an API token that acts with `role`. Only its SHA-256 is stored, so
 * the returned `token` is the one chance to see it.
 */
export async function createApiToken(options: CreateApiTokenOptions): Promise<ApiTokenSummary & { token: string }> {
  const name = requireValid(tokenNameSchema, options.name, "name");
  const role = requireValid(roleSchema, options.role, "role");
  const { token, tokenHash, prefix } = generateApiToken();
  const createdById = options.actor.type === "user" ? options.actor.id : null;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { name, role, prefix, tokenHash, createdById } });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "token.created",
      targetType: "api_token",
      targetId: created.id,
      details: { name, role, prefix },
    });
    return created;
  });
  logger.info({ tokenId: row.id, role, actor: options.actor.label }, "API token created");
  return { ...toApiTokenSummary(row), token };
}
