import { countFlowItem, newFlowLogStats, parseFlowLogLines } from "@/lib/sources/vpcflow/parse-flow-log";
import type { FlowLogItem, FlowLogStats } from "@/lib/sources/vpcflow/types";

import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";
import { rejectCutRecord } from "./reject-cut-record";
import { TextLineStream } from "./split-text-lines";
import { storeFlowLogItems } from "./store-flow-log-items";

/** Stores the records of a VPC flow log text file; NODATA and SKIPDATA records are kept and counted apart. */
export async function ingestFlowLogFile(context: FileIngestContext): Promise<FileCounts> {
  const stats = newFlowLogStats();
  const lines = new TextLineStream(context.stream);
  const items = withCutLine(parseFlowLogLines({ lines, stats }), lines, stats);
  return storeFlowLogItems({ context, items, stats });
}

/**
 * Passes the items through, and when the input fails after a line without
 * its line break, adds that line's rejection before the failure.
 */
async function* withCutLine(
  items: AsyncIterable<FlowLogItem>,
  lines: TextLineStream,
  stats: FlowLogStats,
): AsyncGenerator<FlowLogItem> {
  try {
    yield* items;
  } catch (error) {
    const cut = lines.cutLine;
    if (cut !== null) {
      const item: FlowLogItem = { type: "reject", rejection: rejectCutRecord(cut, { field: null, error }) };
      stats.lines += 1;
      countFlowItem(stats, item);
      yield item;
    }
    throw error;
  }
}
