import { ApiError } from "@/lib/api/api-error";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { appendAuditEntry } from "@/lib/response/audit/append-audit-entry";

import type { Actor, Role } from "./actor";
import { emailSchema, passwordSchema, roleSchema, userNameSchema } from "./auth-schemas";
import { hashPassword } from "./hash-password";
import { requireValid } from "./require-valid";
import { toUserSummary, type UserSummary } from "./user-summary";

export interface CreateUserOptions {
  actor: Actor;
  email: string;
  role: Role;
  name?: string | null;
  /** Null creates a user who can sign in only through OpenID Connect. */
  password: string | null;
  /** Origin of the user, kept in the audit entry, for example `cli` or `oidc`. */
  via: string;
}

/** Creates a user and its audit entry in one transaction; throws `conflict` when the email is taken. */
export async function createUser(options: CreateUserOptions): Promise<UserSummary> {
  const email = requireValid(emailSchema, options.email, "email");
  const role = requireValid(roleSchema, options.role, "role");
  const name = options.name == null ? null : requireValid(userNameSchema, options.name, "name");
  const password = options.password === null ? null : requireValid(passwordSchema, options.password, "password");
  const passwordHash = password === null ? null : await hashPassword(password);
  try {
    const user = await db().$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email, name, role, passwordHash } });
      await appendAuditEntry(tx, {
        actor: options.actor,
        action: "user.created",
        targetType: "user",
        targetId: created.id,
        details: { email, name, role, via: options.via, hasPassword: passwordHash !== null },
      });
      return created;
    });
    logger.info({ userId: user.id, role, actor: options.actor.label }, "user created");
    return toUserSummary(user);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new ApiError("conflict", `A user with the email ${email} already exists.`, { cause: error });
    }
    throw error;
  }
}
