import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { Transaction } from "@/lib/response/audit/append-audit-entry";

import type { Role } from "./actor";
import { emailSchema } from "./auth-schemas";
import { verifyAgainstDummyHash, verifyPassword } from "./hash-password";
import { findLoginBlock, lockLoginAttempts, type LoginBlock } from "./login-rate-limit";
import { toRole } from "./user-summary";

export interface SignInWithPasswordOptions {
  email: string;
  password: string;
  /** The client's IP address, or null when unknown (then only the per-email limit applies). */
  clientAddress: string | null;
  now?: Date;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}

export type PasswordSignInResult =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid_credentials" | "disabled" }
  | ({ ok: false; reason: "rate_limited" } & LoginBlock);

const log = logger.child({ component: "sign-in" });

/**
 * Checks an email and password against `users`, within the sign-in rate
 * limits, and records the attempt in `login_attempts`. An unknown email,
 * a user without a password and a wrong password all return
 * `invalid_credentials`. `disabled` is returned only after the password
 * matched, so no result reveals which emails have accounts.
 */
export async function signInWithPassword(options: SignInWithPasswordOptions): Promise<PasswordSignInResult> {
  const parsedEmail = emailSchema.safeParse(options.email);
  const email = parsedEmail.success ? parsedEmail.data : options.email.trim().toLowerCase().slice(0, 254);
  const now = options.now ?? new Date();
  const address = options.clientAddress;
  const result = await db().$transaction(
    async (tx): Promise<PasswordSignInResult> => {
      await lockLoginAttempts(tx, { email, address });
      const block = await findLoginBlock(tx, { email, address, now });
      if (block) {
        return { ok: false, reason: "rate_limited", ...block };
      }
      const outcome = await checkPassword(tx, email, options.password);
      await tx.loginAttempt.create({ data: { email, ip: address, succeeded: outcome.ok, at: now } });
      if (outcome.ok) {
        await tx.user.update({ where: { id: outcome.user.id }, data: { lastLoginAt: now } });
      }
      return outcome;
    },
    // Argon2 runs inside the transaction; allow for a busy machine.
    { timeout: 15_000 },
  );
  logResult(result, { email, address });
  return result;
}

async function checkPassword(tx: Transaction, email: string, password: string): Promise<PasswordSignInResult> {
  const user = await tx.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await verifyAgainstDummyHash(password);
    return { ok: false, reason: "invalid_credentials" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    return { ok: false, reason: "invalid_credentials" };
  }
  if (user.disabled) {
    return { ok: false, reason: "disabled" };
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: toRole(user.role) } };
}

function logResult(result: PasswordSignInResult, context: { email: string; address: string | null }): void {
  if (result.ok) {
    log.info({ userId: result.user.id, address: context.address }, "password sign-in succeeded");
  } else if (result.reason === "rate_limited") {
    log.warn({ ...context, scope: result.scope, retryAt: result.retryAt }, "password sign-in rate limited");
  } else {
    log.info({ ...context, reason: result.reason }, "password sign-in failed");
  }
}
