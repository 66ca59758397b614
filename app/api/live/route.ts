import { defineRoute } from "@/lib/api/define-route";
import { openLiveStream } from "@/lib/live/open-live-stream";

export const dynamic = "force-dynamic";

/**
 * Streams committed changes as Server-Sent Events: one `change` event per
 * notification on the `watchfloor_changes` channel, with a heartbeat comment
 * every 15 seconds.
 */
export const GET = defineRoute({ name: "live.stream", permission: "incident.read" }, async ({ request, log }) => {
  const stream = openLiveStream({ signal: request.signal, log });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      // Tells nginx-style proxies not to buffer the stream.
      "x-accel-buffering": "no",
    },
  });
});
