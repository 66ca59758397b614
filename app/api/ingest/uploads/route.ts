import { defineRoute } from "@/lib/api/define-route";
import { startUploadBatch } from "@/lib/ingest/upload-batch";

export const dynamic = "force-dynamic";

/** Opens a batch for a browser upload of many files; see `uploads/[batchId]/files`. */
export const POST = defineRoute({ name: "ingest.uploads.start", permission: "ingest.write" }, async ({ actor }) =>
  startUploadBatch({ actor }),
);
