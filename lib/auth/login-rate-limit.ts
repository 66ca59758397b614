import type { Transaction } from "@/lib/response/audit/append-audit-entry";

/** Failed sign-ins count against the limits for this long. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins allowed per email within the window. */
export const MAX_FAILURES_PER_EMAIL = 5;
/** Failed sign-ins allowed per client address within the window, across all emails. */
export const MAX_FAILURES_PER_ADDRESS = 20;

/** The limit that blocks a sign-in, and the time the next attempt is allowed. */
export interface LoginBlock {
  scope: "email" | "address";
  retryAt: Date;
}

// Serialises sign-ins per email and per address, so that parallel attempts
// cannot all read a count below the limit before any of them records a failure.
const LOGIN_LOCK_NAMESPACE = 7_250_031;

/** Takes the per-email and per-address locks for the rest of the transaction, always in that order. */
export async function lockLoginAttempts(tx: Transaction, options: { email: string; address: string | null }): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_NAMESPACE}, hashtext(${`email:${options.email}`}))`;
  if (options.address !== null) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_LOCK_NAMESPACE}, hashtext(${`address:${options.address}`}))`;
  }
}

/**
 * Returns the limit that blocks a sign-in at `now`, or null. The window
 * slides: a blocked email may try again once the oldest of its last five
 * failures is fifteen minutes old. A successful sign-in clears the failures
 * of its email but not of its address, so that an attacker who owns one
 * account cannot reset the address limit while guessing other passwords.
 */
export async function findLoginBlock(
  tx: Transaction,
  options: { email: string; address: string | null; now: Date },
): Promise<LoginBlock | null> {
  const since = new Date(options.now.getTime() - LOGIN_WINDOW_MS);
  const emailFailure = await tx.$queryRaw<Array<{ at: Date }>>`
    SELECT at FROM login_attempts
    WHERE email = ${options.email} AND NOT succeeded AND at > ${since}
      AND at > COALESCE((SELECT max(at) FROM login_attempts WHERE email = ${options.email} AND succeeded), '-infinity')
    ORDER BY at DESC OFFSET ${MAX_FAILURES_PER_EMAIL - 1} LIMIT 1`;
  if (emailFailure[0]) {
    return { scope: "email", retryAt: new Date(emailFailure[0].at.getTime() + LOGIN_WINDOW_MS) };
  }
  if (options.address === null) {
    return null;
  }
  const addressFailure = await tx.$queryRaw<Array<{ at: Date }>>`
    SELECT at FROM login_attempts
    WHERE ip = ${options.address} AND NOT succeeded AND at > ${since}
    ORDER BY at DESC OFFSET ${MAX_FAILURES_PER_ADDRESS - 1} LIMIT 1`;
  if (addressFailure[0]) {
    return { scope: "address", retryAt: new Date(addressFailure[0].at.getTime() + LOGIN_WINDOW_MS) };
  }
  return null;
}
