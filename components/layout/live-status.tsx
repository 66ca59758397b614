"use client";

import type { UseQueryResult } from "@tanstack/react-query";

import { formatUtc } from "@/components/format/format-utc";

import styles from "./live-status.module.css";

/** When the data on screen was fetched, and whether the last refresh failed. */
export function LiveStatus({ query }: { query: Pick<UseQueryResult, "dataUpdatedAt" | "isFetching" | "error"> }) {
  const updated = query.dataUpdatedAt ? formatUtc(new Date(query.dataUpdatedAt).toISOString()).slice(11) : null;
  if (query.error) {
    return (
      <span className={`${styles.status} ${styles.failed}`} role="status">
        Refresh failed: {query.error.message}
        {updated ? ` · showing data from ${updated} UTC` : ""}
      </span>
    );
  }
  return (
    <span className={styles.status} role="status" aria-live="polite">
      <span className={query.isFetching ? `${styles.dot} ${styles.fetching}` : styles.dot} aria-hidden="true" />
      {updated ? `Updated ${updated} UTC` : "Live"}
    </span>
  );
}
