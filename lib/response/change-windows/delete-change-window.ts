import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

/** Deletes a change window, keeping what it was in the audit entry. */
export async function deleteChangeWindow(options: { id: string; actor: Actor }): Promise<{ id: string }> {
  await db().$transaction(async (tx) => {
    const existing = await tx.changeWindow.findUnique({ where: { id: options.id } });
    if (!existing) {
      throw new ApiError("not_found", `Change window ${options.id} was not found.`);
    }
    await tx.changeWindow.delete({ where: { id: options.id } });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "change_window.deleted",
      targetType: "change_window",
      targetId: existing.id,
      details: {
        title: existing.title,
        reference: existing.reference,
        startsAt: existing.startsAt,
        endsAt: existing.endsAt,
        source: existing.source,
      },
    });
  });
  logger.info({ changeWindowId: options.id, actor: options.actor.label }, "change window deleted");
  return { id: options.id };
}
