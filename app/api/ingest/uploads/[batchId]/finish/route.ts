import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { withUploadErrors } from "@/lib/api/map-upload-error";
import { finishUploadBatch } from "@/lib/ingest/upload-batch";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ batchId: z.guid() });

/** Closes an upload batch after detection and correlation; answers with the summary of all its files. */
export const POST = defineRoute(
  { name: "ingest.uploads.finish", permission: "ingest.write", params: paramsSchema },
  async ({ params, actor }) => withUploadErrors(() => finishUploadBatch({ batchId: params.batchId, actor })),
);
