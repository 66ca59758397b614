import { z } from "zod";

import { emailSchema, passwordSchema, roleSchema, userNameSchema } from "@/lib/auth/auth-schemas";

export const createUserBodySchema = z.object({
  email: emailSchema,
  name: userNameSchema.nullish(),
  role: roleSchema,
  /** Omitted: the server generates a password and returns it once as `generatedPassword`. */
  password: passwordSchema.optional(),
  /** True creates a user without a password, who signs in only through SSO. */
  ssoOnly: z.boolean().optional(),
}).refine((body) => !(body.ssoOnly && body.password !== undefined), {
  message: "an SSO-only user has no password; omit password or ssoOnly",
  path: ["password"],
});

export type CreateUserBody = z.input<typeof createUserBodySchema>;

/**
 * One change per request, so that each request is one transaction with one
 * audit entry and cannot half succeed.
 */
export const updateUserBodySchema = z
  .object({ role: roleSchema.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((body) => (body.role === undefined) !== (body.disabled === undefined), {
    message: "set exactly one of role or disabled",
  });

export type UpdateUserBody = z.input<typeof updateUserBodySchema>;
