import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { findCoverageGaps } from "@/lib/ingest/coverage/find-coverage-gaps";

export const dynamic = "force-dynamic";

const querySchema = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    /** Comma-separated AWS account ids; without it, gaps of every account. */
    accounts: z
      .string()
      .regex(/^\d{12}(,\d{12})*$/, "expected comma-separated 12-digit AWS account ids")
      .optional(),
  })
  .refine((q) => Date.parse(q.from) <= Date.parse(q.to), { message: "from must not be after to", path: ["from"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 31 * 24 * 3_600_000, { message: "the range must be at most 31 days", path: ["to"] });

/** Hours of a time range where log data is missing, altered or rejected; the incident page lists them. */
export const GET = defineRoute({ name: "coverage.gaps", permission: "ingest.read", query: querySchema }, async ({ query }) =>
  findCoverageGaps({ from: new Date(query.from), to: new Date(query.to), accountIds: query.accounts?.split(",") }),
);
