import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { appendAuditEntry, type Transaction } from "@/lib/response/audit/append-audit-entry";

/** `settings` key: whether the commander who approves a plan must differ from the person who proposed it. */
export const REQUIRE_DISTINCT_APPROVER_KEY = "containment.requireDistinctApprover";

export interface ContainmentSettings {
  /** True unless an administrator turned it off; a missing or non-boolean value counts as true. */
  requireDistinctApprover: boolean;
}

/** Reads the containment settings, inside a transaction when one is given. */
export async function readContainmentSettings(client: Pick<Transaction, "setting"> = db()): Promise<ContainmentSettings> {
  const row = await client.setting.findUnique({ where: { key: REQUIRE_DISTINCT_APPROVER_KEY } });
  return { requireDistinctApprover: typeof row?.value === "boolean" ? row.value : true };
}

/** Stores the containment settings and audits the change. */
export async function updateContainmentSettings(options: {
  actor: Actor;
  requireDistinctApprover: boolean;
}): Promise<ContainmentSettings> {
  return db().$transaction(async (tx) => {
    const before = await readContainmentSettings(tx);
    const value = options.requireDistinctApprover;
    await tx.setting.upsert({
      where: { key: REQUIRE_DISTINCT_APPROVER_KEY },
      create: { key: REQUIRE_DISTINCT_APPROVER_KEY, value },
      update: { value },
    });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "settings.updated",
      targetType: "setting",
      targetId: REQUIRE_DISTINCT_APPROVER_KEY,
      details: { from: before.requireDistinctApprover, to: value },
    });
    return { requireDistinctApprover: value };
  });
}
