import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { principalParamsSchema, principalQuerySchema } from "@/lib/entities/entity-query";
import { getPrincipalProfile } from "@/lib/entities/get-principal-profile";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { name: "principals.get", permission: "incident.read", params: principalParamsSchema, query: principalQuerySchema },
  async ({ params, query }) => {
    const profile = await getPrincipalProfile({
      principalKey: params.key,
      days: query.days,
      until: query.until === undefined ? undefined : new Date(query.until),
    });
    if (!profile) {
      throw new ApiError("not_found", `No principal is stored with key ${params.key}.`);
    }
    return profile;
  },
);
