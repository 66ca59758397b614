import { defineRoute } from "@/lib/api/define-route";
import { createApiToken } from "@/lib/auth/create-api-token";
import { listApiTokens } from "@/lib/auth/list-api-tokens";

import { createTokenBodySchema } from "./schemas";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ name: "admin.tokens.list", permission: "admin.tokens" }, async () => listApiTokens());

/** Creates a token; the response is the only place the token itself ever appears. */
export const POST = defineRoute(
  { name: "admin.tokens.create", permission: "admin.tokens", body: createTokenBodySchema },
  async ({ body, actor }) => {
    const created = await createApiToken({ actor, name: body.name, role: body.role });
    return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
  },
);
