import { defineRoute } from "@/lib/api/define-route";
import { listIngestBatches } from "@/lib/ingest/list-ingest-batches";

export const dynamic = "force-dynamic";

export const GET = defineRoute({ name: "ingest.batches.list", permission: "ingest.read" }, async () => listIngestBatches());
