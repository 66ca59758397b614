import { randomBytes } from "node:crypto";

import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 2.x hashes with argon2id by default, and these values are
// its documented defaults too (19 MiB, 2 passes, 1 lane). They are spelled
// out so that a change of the package defaults cannot weaken new hashes unnoticed.
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Hashes a password with argon2id; the result is a PHC string (`$argon2id$v=19$m=...`). */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Returns whether `password` matches `passwordHash`; a malformed hash counts as no match. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time of one password check without a real hash, so that a
 * sign-in with an unknown email takes as long as one with a wrong password
 * and the response time does not reveal which emails have accounts.
 */
export async function verifyAgainstDummyHash(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await dummyHash, password);
}
