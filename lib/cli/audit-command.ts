import { verifyAuditChain } from "@/lib/response/audit/verify-audit-chain";

import { withDatabaseSession } from "./database-session";

/** `watchfloor audit verify`: exit status 0 when the chain is intact, 3 when an entry is broken. */
export async function runAuditVerifyCommand(options: { json?: boolean }): Promise<number> {
  const result = await withDatabaseSession(() => verifyAuditChain());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else if (result.ok) {
    process.stdout.write(`Audit log intact: ${result.entries} entries, last hash ${result.lastHash}.\n`);
  } else {
    process.stdout.write(
      `Audit log broken at entry ${result.brokenSeq}: ${result.reason}. ${result.entries} entries before it verified.\n`,
    );
  }
  return result.ok ? 0 : 3;
}
