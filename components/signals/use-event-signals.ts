import { useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import { rawEventPath, type RawEventRef } from "@/components/events/use-raw-event";
import type { EventSignal } from "@/lib/detect/get-event-signals";

/** Loads the signals raised on a record, with their rules' explanations. */
export function useEventSignals(ref: RawEventRef) {
  return useQuery({
    queryKey: ["event-signals", ref.source, ref.naturalId],
    queryFn: ({ signal }) => fetchJson<EventSignal[]>(`${rawEventPath(ref, "/api/events")}/signals`, signal),
  });
}
