import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { buildCoverageGrid } from "@/lib/ingest/coverage/build-coverage-grid";

export const dynamic = "force-dynamic";

const querySchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: "from must be before to", path: ["from"] });

export const GET = defineRoute({ name: "coverage.grid", permission: "ingest.read", query: querySchema }, async ({ query }) =>
  buildCoverageGrid({ from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined }),
);
