import { inTransaction } from "@/lib/db/client";
import type { GuardDutyItem } from "@/lib/sources/guardduty/types";

import type { FileIngestContext } from "./ingest-context";
import type { FileCounts } from "./ingest-summary";
import { storeFinding } from "./store-findings";
import { storeRejections } from "./store-rejections";

/**
 * Stores the findings and rejections read from one element of a file in one
 * transaction, and returns their counts once it has committed. Findings are
 * few and each is an upsert, so each element commits on its own.
 */
export async function storeFindingItems(items: GuardDutyItem[], context: FileIngestContext): Promise<FileCounts> {
  const counts = { records: 0, inserted: 0, updated: 0, duplicates: 0, rejected: 0 } satisfies FileCounts;
  const rejectionContext = { batchId: context.batchId, fileId: context.fileId, path: context.label };
  await inTransaction(async (client) => {
    for (const item of items) {
      counts.records += 1;
      if (item.type === "reject") {
        counts.rejected += 1;
        await storeRejections(client, rejectionContext, [item.rejection]);
        continue;
      }
      const stored = await storeFinding(client, item.finding, { ...rejectionContext, recordIndex: item.index });
      if (stored === "inserted") {
        counts.inserted += 1;
      } else if (stored === "updated") {
        counts.updated += 1;
      } else {
        counts.duplicates += 1;
      }
    }
  });
  return counts;
}
