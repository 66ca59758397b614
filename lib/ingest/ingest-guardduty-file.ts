import { isDatabaseFailure } from "@/lib/db/is-database-failure";

import { EventChunkWriter } from "./event-chunk-writer";
import { cloudTrailEventToRow } from "./event-row";
import type { FileIngestContext } from "./ingest-context";
import { addRecordCounts, withOtherSource, type FileCounts } from "./ingest-summary";
import { parseGuardDutyElement } from "./parse-guardduty-element";
import { PartialFileError } from "./partial-file-error";
import { rejectCutRecord } from "./reject-cut-record";
import { splitJsonRecords } from "./split-json-records";
import { storeFindingItems } from "./store-finding-items";
import type { ParsedItem } from "./types";

/**
 * Stores the findings of a GuardDuty file: `get-findings` output, a single
 * finding, EventBridge events, or an S3 export (JSON Lines). CloudTrail events
 * that EventBridge delivered in the same batch are stored as CloudTrail
 * events. When reading fails part-way (a truncated gzip file), the findings
 * read before are stored and the record being read is rejected. The error is
 * then re-thrown as a PartialFileError with their counts, because an updated
 * finding leaves no row of its own to count.
 */
export async function ingestGuardDutyFile(context: FileIngestContext): Promise<FileCounts> {
  const findings: FileCounts = { records: 0, inserted: 0, updated: 0, duplicates: 0, rejected: 0 };
  const cloudTrail = new EventChunkWriter({ batchId: context.batchId, fileId: context.fileId, path: context.label });
  let failure: unknown = null;
  const elements = splitJsonRecords(context.stream);
  try {
    for await (const element of elements) {
      const content = parseGuardDutyElement(element);
      if (content.type === "cloudtrail") {
        await addCloudTrailItem(cloudTrail, content.item, context);
      } else {
        addRecordCounts(findings, await storeFindingItems(content.items, context));
      }
    }
  } catch (error) {
    if (isDatabaseFailure(error)) {
      throw error;
    }
    failure = error;
    const cut = elements.cutRecord;
    if (cut !== null) {
      const rejection = rejectCutRecord(cut, { field: cut.path, error });
      addRecordCounts(findings, await storeFindingItems([{ type: "reject", rejection }], context));
    }
  }
  await cloudTrail.flush();
  const counts = withOtherSource(findings, "cloudtrail", cloudTrail.counts);
  if (failure !== null) {
    throw new PartialFileError(failure, counts);
  }
  return counts;
}

async function addCloudTrailItem(writer: EventChunkWriter, item: ParsedItem, context: FileIngestContext): Promise<void> {
  if (item.type === "cloudtrail") {
    const row = cloudTrailEventToRow(item.event, { batchId: context.batchId, fileId: context.fileId, recordIndex: item.index });
    await writer.addRow(row);
  } else {
    await writer.addRejection(item.rejection);
  }
}
