import type { IngestBatchListItem } from "@/lib/ingest/list-ingest-batches";

import styles from "./ingest.module.css";

/** Says which process ended without finishing an interrupted batch; renders nothing for other batches. */
export function InterruptedNote({ batch }: { batch: Pick<IngestBatchListItem, "status" | "ownerPid" | "ownerHost"> }) {
  if (batch.status !== "interrupted") {
    return null;
  }
  const owner = batch.ownerPid === null ? "its process" : `process ${batch.ownerPid} on ${batch.ownerHost ?? "an unknown host"}`;
  return (
    <span className={styles.interrupted} data-testid="interrupted-note">
      {owner} ended before the batch finished; ingest its files again to store the rest
    </span>
  );
}
