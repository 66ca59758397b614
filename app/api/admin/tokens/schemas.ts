import { z } from "zod";

import { roleSchema, tokenNameSchema } from "@/lib/auth/auth-schemas";

export const createTokenBodySchema = z.object({ name: tokenNameSchema, role: roleSchema });

export type CreateTokenBody = z.input<typeof createTokenBodySchema>;
