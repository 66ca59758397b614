import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { generatePostmortem } from "@/lib/reports/generate-postmortem";
import { loadPostmortemView } from "@/lib/reports/load-postmortem-view";
import { savePostmortemVersion } from "@/lib/reports/save-postmortem-version";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid() });

/** Largest postmortem accepted, in bytes of JSON: a long postmortem is about 100 KB. */
const MAX_POSTMORTEM_BYTES = 2 * 1024 * 1024;

export const GET = defineRoute(
  { name: "postmortems.get", permission: "postmortem.read", params: paramsSchema },
  async ({ params }) => {
    const view = await loadPostmortemView(params.id);
    if (!view) {
      throw new ApiError("not_found", `Incident ${params.id} was not found.`);
    }
    return view;
  },
);

const generateSchema = z.object({ regenerate: z.boolean().optional() }).optional();

export const POST = defineRoute(
  { name: "postmortems.generate", permission: "postmortem.edit", params: paramsSchema, body: generateSchema },
  async ({ params, body, actor }) =>
    generatePostmortem({ incidentId: params.id, actor, regenerate: body?.regenerate ?? false }),
);

const saveSchema = z.object({
  markdown: z.string().trim().min(1, "The postmortem is empty."),
  baseVersion: z.number().int().positive(),
});

export const PUT = defineRoute(
  {
    name: "postmortems.save",
    permission: "postmortem.edit",
    params: paramsSchema,
    body: saveSchema,
    maxBodyBytes: MAX_POSTMORTEM_BYTES,
  },
  async ({ params, body, actor }) =>
    savePostmortemVersion({ incidentId: params.id, actor, markdown: body.markdown, baseVersion: body.baseVersion }),
);
