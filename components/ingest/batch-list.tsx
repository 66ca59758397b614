"use client";

import Link from "next/link";

import { StatusBadge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import type { InitialData } from "@/components/incidents/use-incidents";
import { LiveStatus } from "@/components/layout/live-status";

import styles from "./ingest.module.css";
import { InterruptedNote } from "./interrupted-note";
import { useIngestBatches, type IngestBatchList } from "./use-ingest";

/** The newest ingest batches with their counts, each linking to its page. */
export function BatchList({ initial }: { initial: InitialData<IngestBatchList> }) {
  const query = useIngestBatches(initial);
  const batches = query.data ?? [];
  // Only GuardDuty findings are ever updated, so the column shows only when some were.
  const showUpdated = batches.some((batch) => batch.updated > 0);
  return (
    <section aria-label="Batches">
      <div className={styles.heading}>
        <h2>Batches</h2>
        <span className={styles.count}>{batches.length}</span>
        <LiveStatus query={query} />
      </div>
      {batches.length === 0 ? (
        <p className={styles.empty}>Nothing has been ingested yet.</p>
      ) : (
        <div className={styles.tableWrap}>
          <table className={styles.table} aria-label="Ingest batches">
            <thead>
              <tr>
                <th>Started (UTC)</th>
                <th>Origin</th>
                <th>Status</th>
                <th className={styles.numeric}>Files</th>
                <th className={styles.numeric}>Records</th>
                <th className={styles.numeric}>Inserted</th>
                {showUpdated ? <th className={styles.numeric}>Updated</th> : null}
                <th className={styles.numeric}>Duplicates</th>
                <th className={styles.numeric}>Skipped</th>
                <th className={styles.numeric}>Rejected</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((batch) => (
                <tr key={batch.id} data-batch-id={batch.id}>
                  <td className={styles.mono}>
                    <Link href={`/ingest/batches/${batch.id}`}>{formatUtc(batch.startedAt)}</Link>
                  </td>
                  <td>{batch.origin}</td>
                  <td>
                    <StatusBadge status={batch.status} />
                    <InterruptedNote batch={batch} />
                  </td>
                  <td className={styles.numeric}>{batch.files}</td>
                  <td className={styles.numeric}>{batch.records}</td>
                  <td className={styles.numeric}>{batch.inserted}</td>
                  {showUpdated ? <td className={styles.numeric}>{batch.updated}</td> : null}
                  <td className={styles.numeric}>{batch.duplicates}</td>
                  <td className={styles.numeric}>{batch.skipped}</td>
                  <td className={batch.rejected > 0 ? `${styles.numeric} ${styles.warn}` : styles.numeric}>{batch.rejected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
