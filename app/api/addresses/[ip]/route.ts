import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { addressParamsSchema } from "@/lib/entities/entity-query";
import { getAddressProfile } from "@/lib/entities/get-address-profile";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { name: "addresses.get", permission: "incident.read", params: addressParamsSchema },
  async ({ params }) => {
    const profile = await getAddressProfile(params.ip);
    if (!profile) {
      throw new ApiError("not_found", `${params.ip} is not an IP address.`);
    }
    return profile;
  },
);
