import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { revokeApiToken } from "@/lib/auth/revoke-api-token";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

/** Revokes a token; requests that send it get 401 from then on. */
export const DELETE = defineRoute(
  { name: "admin.tokens.revoke", permission: "admin.tokens", params: paramsSchema },
  async ({ params, actor }) => revokeApiToken({ actor, id: params.id }),
);
