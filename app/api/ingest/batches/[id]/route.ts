import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { getIngestBatch } from "@/lib/ingest/get-ingest-batch";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

export const GET = defineRoute(
  { name: "ingest.batches.get", permission: "ingest.read", params: paramsSchema },
  async ({ params }) => {
    const batch = await getIngestBatch(params.id);
    if (!batch) {
      throw new ApiError("not_found", `Ingest batch ${params.id} was not found.`);
    }
    return batch;
  },
);
