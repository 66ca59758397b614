"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";

import { parseTimelineFilters, type TimelineFilters, writeTimelineFilters } from "./filter-timeline";

/**
 * Keeps the timeline filters in the page's query string, so that a filtered
 * view can be reloaded and shared. The URL changes through
 * history.replaceState, which Next.js syncs with useSearchParams without
 * fetching the page from the server again.
 */
export function useTimelineFilters(): [TimelineFilters, (filters: TimelineFilters) => void] {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const filters = useMemo(() => parseTimelineFilters(new URLSearchParams(searchParams.toString())), [searchParams]);
  const setFilters = useCallback(
    (next: TimelineFilters) => {
      const query = writeTimelineFilters(new URLSearchParams(window.location.search), next).toString();
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [pathname],
  );
  return [filters, setFilters];
}
