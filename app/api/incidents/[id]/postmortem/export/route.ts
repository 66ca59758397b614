import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { exportPostmortem } from "@/lib/reports/export-postmortem";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

const querySchema = z.object({
  format: z.enum(["md", "pdf"]),
  /** A stored version; the current one when absent. */
  version: z.coerce.number().int().positive().optional(),
});

export const GET = defineRoute(
  { name: "postmortems.export", permission: "postmortem.read", params: paramsSchema, query: querySchema },
  async ({ params, query }) => {
    const file = await exportPostmortem({ incidentId: params.id, format: query.format, version: query.version });
    return new Response(new Uint8Array(file.body), {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  },
);
