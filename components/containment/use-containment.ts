import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { ApiRequestError, fetchJson } from "@/components/api/fetch-json";
import { REFETCH_INTERVAL_MS } from "@/components/incidents/use-incidents";
import type { ApiErrorBody } from "@/lib/api/api-error";
import type { ContainmentView } from "@/lib/response/containment/get-containment";

export type { ContainmentPlanView, ContainmentStepView, ContainmentView } from "@/lib/response/containment/get-containment";
export type { ContainmentStepDraft } from "@/lib/response/containment/containment-types";

/** Sends a JSON request to an API route and throws ApiRequestError on a non-2xx response. */
export async function sendJson<T>(url: string, method: "POST" | "PUT", body: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiRequestError(0, "network_error", `Could not reach the server for ${url}.`);
  }
  if (response.ok) {
    return (await response.json()) as T;
  }
  const error = (await response.json().catch(() => null)) as ApiErrorBody | null;
  if (error?.error) {
    throw new ApiRequestError(response.status, error.error.code, error.error.message);
  }
  throw new ApiRequestError(response.status, "unexpected_response", `${url} returned HTTP ${response.status} without an error body.`);
}

export function containmentQueryKey(incidentId: string) {
  return ["containment", incidentId] as const;
}

export function useContainment(incidentId: string) {
  return useQuery({
    queryKey: containmentQueryKey(incidentId),
    queryFn: ({ signal }) =>
      fetchJson<ContainmentView>(`/api/incidents/${encodeURIComponent(incidentId)}/containment`, signal),
    refetchInterval: REFETCH_INTERVAL_MS,
  });
}

/**
 * Runs a containment action: sends the request, then refreshes the
 * containment view and the incident, whose status and containment time may
 * change.
 */
export function useContainmentAction<Input>(incidentId: string, request: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: containmentQueryKey(incidentId) }),
        queryClient.invalidateQueries({ queryKey: ["incident", incidentId] }),
      ]);
    },
  });
}
