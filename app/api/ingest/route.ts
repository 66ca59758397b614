import { ApiError } from "@/lib/api/api-error";
import { defineRoute } from "@/lib/api/define-route";
import { ingestQuerySchema, readIngestRequest } from "@/lib/api/read-ingest-request";
import { ingestBody } from "@/lib/ingest/ingest-body";

export const dynamic = "force-dynamic";

/**
 * Ingests one log file or a batch of EventBridge events sent as the body
 * (gzip or not), for forwarders and EventBridge API destinations. Answers with
 * the summary `watchfloor ingest --json` prints: 200 when nothing was
 * rejected, 422 when records were rejected.
 */
export const POST = defineRoute(
  { name: "ingest.post", permission: "ingest.write", query: ingestQuerySchema },
  async ({ request, query, log, actor }) => {
    const input = readIngestRequest(request, query);
    const result = await ingestBody({ input, origin: "api", actor, principalArn: query.principal });
    if (result.type === "unrecognised") {
      throw new ApiError("bad_request", result.reason);
    }
    if (result.type === "unreadable") {
      throw new ApiError(result.tooLarge ? "payload_too_large" : "bad_request", result.reason);
    }
    const { summary } = result;
    log.info({ batchId: summary.batchId, inserted: summary.inserted, rejected: summary.rejected.length, by: actor.label }, "body ingested");
    if (result.bodyTooLarge !== null) {
      throw new ApiError(
        "payload_too_large",
        `${result.bodyTooLarge}. Records read before the limit are stored in batch ${summary.batchId}.`,
      );
    }
    return Response.json(summary, { status: summary.rejected.length > 0 ? 422 : 200, headers: { "cache-control": "no-store" } });
  },
);
