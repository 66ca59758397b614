import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import type { ChangeWindowInput } from "./change-window-input";
import { type ChangeWindowView, toChangeWindowView } from "./list-change-windows";

/** Stores a change window entered in the app, with its audit entry. */
export async function createChangeWindow(options: { input: ChangeWindowInput; actor: Actor }): Promise<ChangeWindowView> {
  const { input, actor } = options;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.changeWindow.create({
      data: {
        title: input.title,
        reference: input.reference,
        accountId: input.accountId,
        principalPattern: input.principalPattern,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        source: "manual",
        createdBy: actor.label,
      },
    });
    await appendAuditEntry(tx, {
      actor,
      action: "change_window.created",
      targetType: "change_window",
      targetId: created.id,
      details: { title: created.title, startsAt: created.startsAt, endsAt: created.endsAt, reference: created.reference },
    });
    return created;
  });
  logger.info({ changeWindowId: row.id, actor: actor.label }, "change window created");
  return toChangeWindowView(row);
}
