import { parseCloudTrailStream } from "@/lib/sources/cloudtrail/parse-cloudtrail-stream";

import { EventChunkWriter } from "./event-chunk-writer";
import { cloudTrailEventToRow } from "./event-row";
import type { FileIngestContext } from "./ingest-context";
import { addRecordCounts, withOtherSource, type FileCounts } from "./ingest-summary";
import { parseFindingValue } from "./parse-guardduty-element";
import { storeFindingItems } from "./store-finding-items";

/**
 * Stores the CloudTrail records of one delivery file, export or EventBridge
 * body. GuardDuty findings that EventBridge delivered in the same batch are
 * stored as findings and counted under GuardDuty.
 */
export async function ingestCloudTrailFile(context: FileIngestContext): Promise<FileCounts> {
  const writer = new EventChunkWriter({ batchId: context.batchId, fileId: context.fileId, path: context.label });
  const findings: FileCounts = { records: 0, inserted: 0, updated: 0, duplicates: 0, rejected: 0 };
  let stoppedEarly = false;
  for await (const item of parseCloudTrailStream({ stream: context.stream, fileLabel: context.label, findingEvents: "yield" })) {
    if (item.type === "cloudtrail") {
      await writer.addRow(
        cloudTrailEventToRow(item.event, { batchId: context.batchId, fileId: context.fileId, recordIndex: item.index }),
      );
    } else if (item.type === "finding-event") {
      addRecordCounts(findings, await storeFindingItems(parseFindingValue(item.event, item.element), context));
    } else {
      stoppedEarly ||= item.rejection.stopsFile === true;
      await writer.addRejection(item.rejection);
    }
  }
  await writer.flush();
  const counts = withOtherSource(writer.counts, "guardduty", findings);
  return stoppedEarly ? { ...counts, stoppedEarly } : counts;
}
