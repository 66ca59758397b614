import { defineRoute } from "@/lib/api/define-route";
import { getEventSignals } from "@/lib/detect/get-event-signals";
import { rawEventKeySchema } from "@/lib/events/get-raw-event";

export const dynamic = "force-dynamic";

/** Lists the signals raised on a record, with each rule's explanation; an empty list for a record without any. */
export const GET = defineRoute(
  { name: "events.signals", permission: "incident.read", params: rawEventKeySchema },
  async ({ params }) => getEventSignals(params),
);
