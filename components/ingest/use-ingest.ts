import { useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import type { InitialData } from "@/components/incidents/use-incidents";
import type { getIngestBatch } from "@/lib/ingest/get-ingest-batch";
import type { listIngestBatches } from "@/lib/ingest/list-ingest-batches";

export type IngestBatchList = Awaited<ReturnType<typeof listIngestBatches>>;
export type IngestBatchDetail = NonNullable<Awaited<ReturnType<typeof getIngestBatch>>>;

const REFETCH_INTERVAL_MS = 5_000;

export function useIngestBatches(initial?: InitialData<IngestBatchList>) {
  return useQuery({
    queryKey: ["ingest-batches"],
    queryFn: ({ signal }) => fetchJson<IngestBatchList>("/api/ingest/batches", signal),
    initialData: initial?.data,
    initialDataUpdatedAt: initial?.loadedAt,
    refetchInterval: REFETCH_INTERVAL_MS,
  });
}

export function useIngestBatch(id: string, initial?: InitialData<IngestBatchDetail>) {
  return useQuery({
    queryKey: ["ingest-batch", id],
    queryFn: ({ signal }) => fetchJson<IngestBatchDetail>(`/api/ingest/batches/${encodeURIComponent(id)}`, signal),
    initialData: initial?.data,
    initialDataUpdatedAt: initial?.loadedAt,
    // A batch that is still running changes; a finished one does not.
    refetchInterval: (query) => (query.state.data?.status === "running" ? REFETCH_INTERVAL_MS : false),
  });
}
