import { z } from "zod";

import { ROLES } from "./actor";

/** Minimum password length for passwords a person chooses. */
export const MIN_PASSWORD_LENGTH = 12;

/** An email address, trimmed and lower-cased: `users.email` stores this form. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .check(z.email({ message: "not a valid email address" }));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { message: `must be at least ${MIN_PASSWORD_LENGTH} characters long` })
  .max(256, { message: "must be at most 256 characters long" });

export const roleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` });

export const userNameSchema = z.string().trim().min(1).max(200);

/** A name for an API token, shown in lists and in the audit log. */
export const tokenNameSchema = z.string().trim().min(1).max(100);
