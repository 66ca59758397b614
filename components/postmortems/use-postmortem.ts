import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import { sendJson } from "@/components/api/send-json";
import type { InitialData } from "@/components/incidents/use-incidents";
import type { PostmortemView } from "@/lib/reports/load-postmortem-view";
import type { PostmortemDetail, PostmortemVersionDetail } from "@/lib/reports/postmortem-types";

export type { PostmortemView };

function postmortemUrl(incidentId: string): string {
  return `/api/incidents/${encodeURIComponent(incidentId)}/postmortem`;
}

export function usePostmortem(incidentId: string, initial: InitialData<PostmortemView>) {
  return useQuery({
    queryKey: ["postmortem", incidentId],
    queryFn: ({ signal }) => fetchJson<PostmortemView>(postmortemUrl(incidentId), signal),
    initialData: initial.data,
    initialDataUpdatedAt: initial.loadedAt,
  });
}

export function usePostmortemVersion(incidentId: string, version: number | null) {
  return useQuery({
    queryKey: ["postmortem", incidentId, "version", version],
    queryFn: ({ signal }) =>
      fetchJson<PostmortemVersionDetail>(`${postmortemUrl(incidentId)}/versions/${version ?? 0}`, signal),
    enabled: version !== null,
    staleTime: Infinity,
  });
}

/** Generates the draft (or a fresh draft as a new version) and refreshes the page's data. */
export function useGeneratePostmortem(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (regenerate: boolean) => sendJson<PostmortemDetail>("POST", postmortemUrl(incidentId), { regenerate }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["postmortem", incidentId] }),
  });
}

/** Saves an edit as a new version on top of `baseVersion`. */
export function useSavePostmortem(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edit: { markdown: string; baseVersion: number }) =>
      sendJson<PostmortemDetail>("PUT", postmortemUrl(incidentId), edit),
    onSuccess: () => client.invalidateQueries({ queryKey: ["postmortem", incidentId] }),
  });
}
