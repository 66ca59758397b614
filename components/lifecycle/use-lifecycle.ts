import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import { sendJson } from "@/components/api/send-json";
import type { listCommanders } from "@/lib/response/lifecycle/list-commanders";

export type CommanderOption = Awaited<ReturnType<typeof listCommanders>>[number];

export function useCommanders(enabled: boolean) {
  return useQuery({
    queryKey: ["commanders"],
    queryFn: ({ signal }) => fetchJson<CommanderOption[]>("/api/commanders", signal),
    enabled,
  });
}

/** Status changes and escalation; both refresh the incident and its checklists. */
export function useLifecycleMutations(incidentId: string) {
  const client = useQueryClient();
  const base = `/api/incidents/${encodeURIComponent(incidentId)}`;
  const onSuccess = () => client.invalidateQueries({ queryKey: ["incident", incidentId] });
  const changeStatus = useMutation({
    mutationFn: (status: string) => sendJson("POST", `${base}/status`, { status }),
    onSuccess,
  });
  const escalate = useMutation({
    mutationFn: (commanderId: string) => sendJson("POST", `${base}/escalate`, { commanderId }),
    onSuccess,
  });
  return { changeStatus, escalate };
}
