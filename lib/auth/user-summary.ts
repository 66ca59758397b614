import type { User } from "@/lib/generated/prisma/client";

import { isRole, type Role } from "./actor";

/**
 * A user as `watchfloor users list --json` prints it and the admin API
 * returns it. The password hash never leaves the server; `hasPassword` is
 * whether one is set (users without one sign in only through SSO).
 */
export interface UserSummary {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export function toUserSummary(user: User): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: toRole(user.role),
    disabled: user.disabled,
    hasPassword: user.passwordHash !== null,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** Reads `users.role`; a value outside ROLES means the row was written by hand, so it fails loudly. */
export function toRole(value: string): Role {
  if (!isRole(value)) {
    throw new Error(`users.role contains "${value}", which is not a Watchfloor role.`);
  }
  return value;
}
