import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { getPostmortemVersion } from "@/lib/reports/get-postmortem-version";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid(), version: z.coerce.number().int().positive() });

export const GET = defineRoute(
  { name: "postmortems.version", permission: "postmortem.read", params: paramsSchema },
  async ({ params }) => {
    const version = await getPostmortemVersion(params.id, params.version);
    if (!version) {
      throw new ApiError("not_found", `Incident ${params.id} has no postmortem version ${params.version}.`);
    }
    return version;
  },
);
