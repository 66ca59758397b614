import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { reportClientError } from "@/lib/api/report-client-error";

export const dynamic = "force-dynamic";

const bodySchema = z.object({
  route: z.string().max(500),
  message: z.string().max(2000),
  digest: z.string().max(200).optional(),
});

/** Receives errors caught by the pages' error boundaries, so they reach the server log. */
export const POST = defineRoute({ name: "client-errors.report", permission: "public", body: bodySchema }, async ({ body }) => {
  reportClientError(body);
  return new Response(null, { status: 204 });
});
