"use client";

import type { UseQueryResult } from "@tanstack/react-query";

import { formatUtc } from "@/components/format/format-utc";
import { useLiveConnection } from "@/components/live/live-connection";

import styles from "./live-status.module.css";

/** When the data on screen was fetched, whether the live stream is up, and whether the last refresh failed. */
export function LiveStatus({ query }: { query: Pick<UseQueryResult, "dataUpdatedAt" | "isFetching" | "error"> }) {
  const connection = useLiveConnection();
  const updated = query.dataUpdatedAt ? formatUtc(new Date(query.dataUpdatedAt).toISOString()).slice(11) : null;
  if (query.error) {
    return (
      <span className={`${styles.status} ${styles.failed}`} role="status">
        Refresh failed: {query.error.message}
        {updated ? ` · showing data from ${updated} UTC` : ""}
      </span>
    );
  }
  const mode = connection === "live" ? "Live" : "Polling";
  const title =
    connection === "live"
      ? "New data appears as soon as it is ingested"
      : "The live stream is down; the page refreshes every few seconds";
  const dotClass = [styles.dot, connection === "live" ? "" : styles.polling, query.isFetching ? styles.fetching : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <span className={styles.status} role="status" aria-live="polite" title={title} data-live={connection}>
      <span className={dotClass} aria-hidden="true" />
      {mode}
      {updated ? ` · updated ${updated} UTC` : ""}
    </span>
  );
}
