import { z } from "zod";

import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { getRawEvent, getRawEventBytes, rawEventKeySchema, type RawEventKey } from "@/lib/events/get-raw-event";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  /** `download=1` returns the record's exact bytes as a file instead of the JSON view. */
  download: z.stringbool().optional(),
});

export const GET = defineRoute(
  { name: "events.get-raw", permission: "incident.read", params: rawEventKeySchema, query: querySchema },
  async ({ params, query }) => {
    if (query.download) {
      return downloadResponse(params);
    }
    const event = await getRawEvent(params);
    if (!event) {
      throw notFound(params);
    }
    return event;
  },
);

async function downloadResponse(key: RawEventKey): Promise<Response> {
  const bytes = await getRawEventBytes(key);
  if (!bytes) {
    throw notFound(key);
  }
  const fileName = `${key.source}-${key.naturalId}.json`.replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "content-type": "application/json",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}

function notFound(key: RawEventKey): ApiError {
  return new ApiError("not_found", `No ${key.source} record is stored with id ${key.naturalId}.`);
}
