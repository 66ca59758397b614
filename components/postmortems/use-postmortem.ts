import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { ApiRequestError, fetchJson } from "@/components/api/fetch-json";
import type { InitialData } from "@/components/incidents/use-incidents";
import type { ApiErrorBody } from "@/lib/api/api-error";
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

async function sendJson<T>(url: string, method: "POST" | "PUT", body: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) {
    return (await response.json()) as T;
  }
  const error = (await response.json().catch(() => null)) as ApiErrorBody | null;
  throw new ApiRequestError(
    response.status,
    error?.error.code ?? "unexpected_response",
    error?.error.message ?? `${url} answered HTTP ${response.status}.`,
  );
}

/** Generates the draft (or a fresh draft as a new version) and refreshes the page's data. */
export function useGeneratePostmortem(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (regenerate: boolean) => sendJson<PostmortemDetail>(postmortemUrl(incidentId), "POST", { regenerate }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["postmortem", incidentId] }),
  });
}

/** Saves an edit as a new version on top of `baseVersion`. */
export function useSavePostmortem(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (edit: { markdown: string; baseVersion: number }) =>
      sendJson<PostmortemDetail>(postmortemUrl(incidentId), "PUT", edit),
    onSuccess: () => client.invalidateQueries({ queryKey: ["postmortem", incidentId] }),
  });
}
