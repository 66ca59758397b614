"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import type { LiveChange } from "@/lib/live/live-change";

import { setLiveConnectionState } from "./live-connection";

/** Changes arriving within this time are applied together, so a burst of chunks costs one refetch. */
const COALESCE_MS = 150;
/** Wait before reopening a stream the server refused (an error status instead of a stream). */
const REOPEN_MS = 10_000;

/** Query-key prefixes of pages that show events, refreshed whenever anything was ingested. */
const EVENT_PAGE_KEYS = [["principal"], ["access-key"], ["address"]];

interface Pending {
  all: boolean;
  incidentIds: Set<string>;
}

function applyChanges(client: QueryClient, pending: Pending): void {
  void client.invalidateQueries({ queryKey: ["incidents"] });
  if (pending.all) {
    void client.invalidateQueries({ queryKey: ["incident"] });
  } else {
    for (const id of pending.incidentIds) {
      void client.invalidateQueries({ queryKey: ["incident", id] });
    }
  }
  for (const queryKey of EVENT_PAGE_KEYS) {
    void client.invalidateQueries({ queryKey });
  }
}

function parseChange(data: unknown): LiveChange | null {
  try {
    return typeof data === "string" ? (JSON.parse(data) as LiveChange) : null;
  } catch {
    return null;
  }
}

/**
 * Opens the `/api/live` Server-Sent Events stream for as long as the caller
 * is mounted, and refreshes the TanStack Query caches of the incident list,
 * the incidents a change names (every incident when it names none) and the
 * entity pages. Polling stays on as the fallback when the stream is down.
 */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    let connectedBefore = false;
    let pending: Pending = { all: false, incidentIds: new Set() };

    const flush = () => {
      flushTimer = null;
      const current = pending;
      pending = { all: false, incidentIds: new Set() };
      applyChanges(client, current);
    };
    const queue = (change: LiveChange | null) => {
      if (change === null || change.incidentIds === null) {
        pending.all = true;
      } else {
        change.incidentIds.forEach((id) => pending.incidentIds.add(id));
      }
      flushTimer ??= setTimeout(flush, COALESCE_MS);
    };

    const open = () => {
      source = new EventSource("/api/live");
      source.addEventListener("ready", () => {
        setLiveConnectionState("live");
        // Changes committed while the stream was down were not sent.
        if (connectedBefore) {
          queue(null);
        }
        connectedBefore = true;
      });
      source.addEventListener("change", (event) => queue(parseChange((event as MessageEvent).data)));
      source.addEventListener("error", () => {
        setLiveConnectionState("offline");
        // EventSource reconnects by itself unless the server responded with an error status.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          reopenTimer = setTimeout(open, REOPEN_MS);
        }
      });
    };
    open();

    return () => {
      source?.close();
      if (reopenTimer !== null) {
        clearTimeout(reopenTimer);
      }
      if (flushTimer !== null) {
        clearTimeout(flushTimer);
      }
      setLiveConnectionState("connecting");
    };
  }, [client]);
}
