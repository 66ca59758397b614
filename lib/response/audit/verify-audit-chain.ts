import { db } from "@/lib/db/client";
import type { AuditEntry } from "@/lib/generated/prisma/client";

import { GENESIS_HASH, hashAuditEntry } from "./hash-audit-entry";

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; brokenSeq: string; reason: string };

const PAGE_SIZE = 1_000;

/** Walks the audit log in order and names the first entry whose link or hash does not match. */
export async function verifyAuditChain(): Promise<AuditVerification> {
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let after: bigint | null = null;
  for (;;) {
    const page: AuditEntry[] = await db().auditEntry.findMany({
      where: after === null ? {} : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: PAGE_SIZE,
    });
    for (const entry of page) {
      if (entry.prevHash !== prevHash) {
        return { ok: false, entries: checked, brokenSeq: entry.seq.toString(), reason: "prev_hash does not match the hash of the entry before it (an entry was removed or reordered)" };
      }
      const expected = hashAuditEntry({ ...entry, details: entry.details });
      if (entry.hash !== expected) {
        return { ok: false, entries: checked, brokenSeq: entry.seq.toString(), reason: "hash does not match the entry's contents (the entry was altered)" };
      }
      prevHash = entry.hash;
      checked += 1;
    }
    if (page.length < PAGE_SIZE) {
      return { ok: true, entries: checked, lastHash: prevHash };
    }
    after = page[page.length - 1]?.seq ?? null;
  }
}
