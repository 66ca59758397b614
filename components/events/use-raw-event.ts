import { useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import type { getRawEvent } from "@/lib/events/get-raw-event";

export type RawEventView = NonNullable<Awaited<ReturnType<typeof getRawEvent>>>;

export interface RawEventRef {
  source: string;
  naturalId: string;
}

/** Path of the API route and of the page for a record. */
export function rawEventPath(ref: RawEventRef, prefix: "/api/events" | "/events"): string {
  return `${prefix}/${encodeURIComponent(ref.source)}/${encodeURIComponent(ref.naturalId)}`;
}

/** Loads a stored record; records never change once stored, so it is not polled. */
export function useRawEvent(ref: RawEventRef, initialData?: RawEventView) {
  return useQuery({
    queryKey: ["raw-event", ref.source, ref.naturalId],
    queryFn: ({ signal }) => fetchJson<RawEventView>(rawEventPath(ref, "/api/events"), signal),
    initialData,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
