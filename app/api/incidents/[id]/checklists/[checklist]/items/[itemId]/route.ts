import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { answerChecklistItem } from "@/lib/response/checklists/answer-checklist-item";
import { CHECKLIST_IDS } from "@/lib/response/checklists/checklist-types";

export const dynamic = "force-dynamic";

const paramsSchema = z.object({
  id: z.guid(),
  checklist: z.enum(CHECKLIST_IDS),
  itemId: z.string().regex(/^[a-z][a-z-]{0,63}$/, "Item ids are lower-case words joined by hyphens"),
});

const bodySchema = z
  .object({
    answer: z.enum(["confirm", "override"]),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((body) => body.answer === "confirm" || (body.reason ?? "") !== "", {
    message: "An override needs a reason",
    path: ["reason"],
  });

/** Confirms the suggested answer of one item, or overrides it with a reason. */
export const POST = defineRoute(
  { name: "checklists.answer", permission: "checklist.answer", params: paramsSchema, body: bodySchema },
  async ({ params, body, actor }) =>
    answerChecklistItem({
      incidentId: params.id,
      checklist: params.checklist,
      itemId: params.itemId,
      answer: body.answer,
      reason: body.reason,
      actor,
    }),
);
