import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { accessKeyParamsSchema } from "@/lib/entities/entity-query";
import { getAccessKeyProfile } from "@/lib/entities/get-access-key-profile";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { name: "access-keys.get", permission: "incident.read", params: accessKeyParamsSchema },
  async ({ params }) => {
    const profile = await getAccessKeyProfile(params.id);
    if (!profile) {
      throw new ApiError("not_found", `Access key ${params.id} appears in no stored event.`);
    }
    return profile;
  },
);
