import { describe, expect, it } from "vitest";

import { SYSTEM_ACTOR } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

import { useTestDatabase } from "../../../tests/helpers/test-database";
import { appendAuditEntry } from "./append-audit-entry";
import { GENESIS_HASH } from "./hash-audit-entry";
import { verifyAuditChain } from "./verify-audit-chain";

useTestDatabase();

async function append(action: string, details: Record<string, unknown>) {
  return db().$transaction((tx) =>
    appendAuditEntry(tx, { actor: SYSTEM_ACTOR, action, targetType: "test", targetId: action, details }),
  );
}

describe("audit chain", () => {
  it("links entries and verifies", async () => {
    await append("first", { b: 2, a: 1 });
    await append("second", { nested: { z: true, y: [1, "two"] } });
    await append("third", {});
    const entries = await db().auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    const result = await verifyAuditChain();
    expect(result).toEqual({ ok: true, entries: 3, lastHash: entries[2]?.hash });
  });

  it("ignores updates and deletes", async () => {
    await db().$executeRawUnsafe("UPDATE audit_entries SET action = 'changed'");
    await db().$executeRawUnsafe("DELETE FROM audit_entries");
    expect(await db().auditEntry.count({ where: { action: "changed" } })).toBe(0);
    expect(await db().auditEntry.count()).toBe(3);
  });

  it("names the first altered entry", async () => {
    await db().$executeRawUnsafe("DROP RULE audit_entries_no_update ON audit_entries");
    const second = await db().auditEntry.findFirstOrThrow({ where: { action: "second" } });
    await db().$executeRawUnsafe(`UPDATE audit_entries SET details = '{"nested":{"z":false}}' WHERE seq = ${second.seq}`);
    const result = await verifyAuditChain();
    expect(result.ok).toBe(false);
    expect(result.ok ? null : result.brokenSeq).toBe(second.seq.toString());
    expect(result.ok ? null : result.reason).toMatch(/altered/);
  });

  it("names the entry after a removed one", async () => {
    await db().$executeRawUnsafe("DROP RULE audit_entries_no_delete ON audit_entries");
    const second = await db().auditEntry.findFirstOrThrow({ where: { action: "second" } });
    const third = await db().auditEntry.findFirstOrThrow({ where: { action: "third" } });
    await db().$executeRawUnsafe(`DELETE FROM audit_entries WHERE seq = ${second.seq}`);
    const result = await verifyAuditChain();
    expect(result.ok ? null : result.brokenSeq).toBe(third.seq.toString());
    expect(result.ok ? null : result.reason).toMatch(/removed/);
  });
});
