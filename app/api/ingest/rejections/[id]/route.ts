import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { getRejectedRecordRaw } from "@/lib/ingest/get-ingest-batch";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.string().regex(/^\d{1,18}$/, "expected a rejected record id") });

/**
 * Downloads a rejected record's bytes exactly as they were kept. They are sent
 * as an attachment of type application/octet-stream, so a browser never
 * renders them.
 */
export const GET = defineRoute(
  { name: "ingest.rejections.raw", permission: "ingest.read", params: paramsSchema },
  async ({ params }) => {
    const record = await getRejectedRecordRaw(BigInt(params.id));
    if (!record) {
      throw new ApiError("not_found", `No raw bytes are kept for rejected record ${params.id}.`);
    }
    const fileName = `rejected-${params.id}.bin`;
    return new Response(new Uint8Array(record.raw), {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename="${fileName}"`,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      },
    });
  },
);
