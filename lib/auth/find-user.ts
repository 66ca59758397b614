import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import type { User } from "@/lib/generated/prisma/client";
import type { Transaction } from "@/lib/response/audit/append-audit-entry";

import { emailSchema } from "./auth-schemas";
import { requireValid } from "./require-valid";

/** Names a user by id (the admin API) or by email (the CLI). */
export type UserRef = { id: string } | { email: string };

/** Loads a user inside a transaction and locks its row until the transaction ends; throws `not_found`. */
export async function findUserForUpdate(tx: Transaction, ref: UserRef): Promise<User> {
  const where =
    "id" in ref
      ? { id: requireValid(z.guid(), ref.id, "id") }
      : { email: requireValid(emailSchema, ref.email, "email") };
  const found = await tx.user.findUnique({ where, select: { id: true } });
  if (!found) {
    const described = "id" in where ? `id ${where.id}` : `email ${where.email}`;
    throw new ApiError("not_found", `No user has the ${described}.`);
  }
  // Lock before reading, so that the row returned is the one this transaction changes.
  await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${found.id}::uuid FOR UPDATE`;
  return tx.user.findUniqueOrThrow({ where: { id: found.id } });
}
