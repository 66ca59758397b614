import { defineRoute } from "@/lib/api/define-route";
import { changeWindowInputSchema } from "@/lib/response/change-windows/change-window-input";
import { createChangeWindow } from "@/lib/response/change-windows/create-change-window";
import { listChangeWindows } from "@/lib/response/change-windows/list-change-windows";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ name: "changeWindows.list", permission: "incident.read" }, async () =>
  listChangeWindows(),
);

export const POST = defineRoute(
  { name: "changeWindows.create", permission: "changeWindow.write", body: changeWindowInputSchema },
  async ({ body, actor }) => createChangeWindow({ input: body, actor }),
);
