import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { CHECKLIST_IDS } from "@/lib/response/checklists/checklist-types";
import { recordChecklistConclusion } from "@/lib/response/checklists/record-checklist-conclusion";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({ id: z.guid(), checklist: z.enum(CHECKLIST_IDS) });

/** Records the conclusion computed from the answers; 409 `conflict` names the items still open. */
export const POST = defineRoute(
  { name: "checklists.conclude", permission: "checklist.answer", params: paramsSchema },
  async ({ params, actor }) => recordChecklistConclusion({ incidentId: params.id, checklist: params.checklist, actor }),
);
