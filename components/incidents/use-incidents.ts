import { useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import type { getIncident } from "@/lib/incidents/get-incident";
import type { listIncidents } from "@/lib/incidents/list-incidents";

export type IncidentList = Awaited<ReturnType<typeof listIncidents>>;
export type IncidentListItem = IncidentList[number];
export type IncidentDetail = NonNullable<Awaited<ReturnType<typeof getIncident>>>;
export type TimelineEntry = IncidentDetail["timeline"]["entries"][number];

/** How often open pages poll for new data. */
export const REFETCH_INTERVAL_MS = 5_000;

/**
 * Data rendered by the server for the first paint. `loadedAt` (epoch
 * milliseconds) is when the server read it, so server and browser render the
 * same "updated" time.
 */
export interface InitialData<T> {
  data: T;
  loadedAt: number;
}

export function useIncidents(options: { includeBelowThreshold: boolean; initial?: InitialData<IncidentList> }) {
  const all = options.includeBelowThreshold;
  return useQuery({
    queryKey: ["incidents", { all }],
    queryFn: ({ signal }) => fetchJson<IncidentList>(`/api/incidents${all ? "?all=1" : ""}`, signal),
    initialData: options.initial?.data,
    initialDataUpdatedAt: options.initial?.loadedAt,
    refetchInterval: REFETCH_INTERVAL_MS,
  });
}

export function useIncident(id: string, initial?: InitialData<IncidentDetail>) {
  return useQuery({
    queryKey: ["incident", id],
    queryFn: ({ signal }) => fetchJson<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`, signal),
    initialData: initial?.data,
    initialDataUpdatedAt: initial?.loadedAt,
    refetchInterval: REFETCH_INTERVAL_MS,
  });
}
