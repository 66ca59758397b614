import { parseCloudTrailStream } from "@/lib/sources/cloudtrail/parse-cloudtrail-stream";

import { EventChunkWriter } from "./event-chunk-writer";
import { cloudTrailEventToRow } from "./event-row";
import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";

/** Stores the CloudTrail records of one delivery file, export or EventBridge body. */
export async function ingestCloudTrailFile(context: FileIngestContext): Promise<FileCounts> {
  const writer = new EventChunkWriter({ batchId: context.batchId, fileId: context.fileId, path: context.label });
  let stoppedEarly = false;
  for await (const item of parseCloudTrailStream({ stream: context.stream, fileLabel: context.label })) {
    if (item.type === "cloudtrail") {
      await writer.addRow(
        cloudTrailEventToRow(item.event, { batchId: context.batchId, fileId: context.fileId, recordIndex: item.index }),
      );
    } else {
      stoppedEarly ||= item.rejection.stopsFile === true;
      await writer.addRejection(item.rejection);
    }
  }
  await writer.flush();
  return stoppedEarly ? { ...writer.counts, stoppedEarly } : writer.counts;
}
