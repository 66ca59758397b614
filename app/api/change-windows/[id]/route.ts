import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { deleteChangeWindow } from "@/lib/response/change-windows/delete-change-window";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute(
  { name: "changeWindows.delete", permission: "changeWindow.write", params: z.object({ id: z.guid() }) },
  async ({ params, actor }) => deleteChangeWindow({ id: params.id, actor }),
);
