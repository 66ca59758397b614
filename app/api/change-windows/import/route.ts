import { z } from "zod";

import { defineRoute } from "@/lib/api/define-route";
import { importChangeWindows } from "@/lib/response/change-windows/import-change-windows";

export const dynamic = "force-dynamic";

/** Largest accepted upload: a change calendar of a few thousand entries. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

const bodySchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  content: z.string().min(1, "The file is empty"),
});

/** Imports a CSV or iCalendar file read by the browser; bad rows come back with file, row and field. */
export const POST = defineRoute(
  { name: "changeWindows.import", permission: "changeWindow.write", body: bodySchema, maxBodyBytes: MAX_IMPORT_BYTES },
  async ({ body, actor }) => importChangeWindows({ file: body.fileName, text: body.content, actor }),
);
