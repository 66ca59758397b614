import { createInterface } from "node:readline";

import { newFlowLogStats, parseFlowLogLines } from "@/lib/sources/vpcflow/parse-flow-log";

import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";
import { storeFlowLogItems } from "./store-flow-log-items";

/** Stores the records of a VPC flow log text file; NODATA and SKIPDATA records are kept and counted apart. */
export async function ingestFlowLogFile(context: FileIngestContext): Promise<FileCounts> {
  const stats = newFlowLogStats();
  const lines = createInterface({ input: context.stream, crlfDelay: Infinity });
  const items = parseFlowLogLines({ lines, stats });
  return storeFlowLogItems({ context, items, stats });
}
