import { defineRoute } from "@/lib/api/define-route";
import { createUser } from "@/lib/auth/create-user";
import { generatePassword } from "@/lib/auth/generate-secret";
import { listUsers } from "@/lib/auth/list-users";

import { createUserBodySchema } from "./schemas";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ name: "admin.users.list", permission: "admin.users" }, async () => listUsers());

/**
 * Creates a user. Without a password in the body (and without `ssoOnly`),
 * the response carries a generated one, once.
 */
export const POST = defineRoute(
  { name: "admin.users.create", permission: "admin.users", body: createUserBodySchema },
  async ({ body, actor }) => {
    const generatedPassword = body.password === undefined && !body.ssoOnly ? generatePassword() : null;
    const user = await createUser({
      actor,
      email: body.email,
      name: body.name ?? null,
      role: body.role,
      password: body.password ?? generatedPassword,
      via: "admin",
    });
    return Response.json({ user, generatedPassword }, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
