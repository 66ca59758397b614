import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { withUploadErrors } from "@/lib/api/map-upload-error";
import { ingestQuerySchema, readIngestRequest } from "@/lib/api/read-ingest-request";
import { appendUploadFile } from "@/lib/ingest/upload-batch";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ batchId: z.guid() });

/**
 * Ingests one uploaded file into an open upload batch. Answers with the
 * summary of this file alone: 200 when nothing was rejected, 422 otherwise. A
 * file in an unknown format, or empty, is recorded as rejected, like on the
 * command line.
 */
export const POST = defineRoute(
  { name: "ingest.uploads.file", permission: "ingest.write", params: paramsSchema, query: ingestQuerySchema },
  async ({ request, params, query, actor }) => {
    const input = readIngestRequest(request, query, { acceptEmpty: true });
    const summary = await withUploadErrors(() =>
      appendUploadFile({ batchId: params.batchId, input, actor, principalArn: query.principal }),
    );
    return Response.json(summary, { status: summary.rejected.length > 0 ? 422 : 200, headers: { "cache-control": "no-store" } });
  },
);
