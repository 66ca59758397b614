import { db } from "@/lib/db/client";

import type { Actor, Role } from "./actor";
import { createUser } from "./create-user";
import { generatePassword } from "./generate-secret";

/** The demo accounts, one per role that works incidents; none of them is an admin. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; name: string; role: Role }> = [
  { email: "analyst@demo.local", name: "Demo Analyst", role: "analyst" },
  { email: "commander@demo.local", name: "Demo Commander", role: "commander" },
  { email: "manager@demo.local", name: "Demo Manager", role: "manager" },
];

/**
 * Creates the demo accounts that do not exist yet, all with one generated
 * password. Returns the password and the emails created; the password is
 * null when every account already existed.
 */
export async function createDemoAccounts(options: { actor: Actor }): Promise<{ password: string | null; created: string[] }> {
  const existing = await db().user.findMany({
    where: { email: { in: DEMO_ACCOUNTS.map((account) => account.email) } },
    select: { email: true },
  });
  const missing = DEMO_ACCOUNTS.filter((account) => !existing.some((user) => user.email === account.email));
  if (missing.length === 0) {
    return { password: null, created: [] };
  }
  const password = generatePassword();
  for (const account of missing) {
    await createUser({ actor: options.actor, ...account, password, via: "demo" });
  }
  return { password, created: missing.map((account) => account.email) };
}
