import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import { sendJson } from "@/components/api/send-json";
import type { getIncidentChecklists } from "@/lib/response/checklists/get-incident-checklists";

export type ChecklistView = Awaited<ReturnType<typeof getIncidentChecklists>>[number];
export type ChecklistItemView = ChecklistView["items"][number];

export function useChecklists(incidentId: string) {
  return useQuery({
    queryKey: ["checklists", incidentId],
    queryFn: ({ signal }) =>
      fetchJson<ChecklistView[]>(`/api/incidents/${encodeURIComponent(incidentId)}/checklists`, signal),
  });
}

/** Answering and concluding; both refresh the checklists and the incident timeline that shows them. */
export function useChecklistMutations(incidentId: string, checklist: string) {
  const client = useQueryClient();
  const base = `/api/incidents/${encodeURIComponent(incidentId)}/checklists/${checklist}`;
  const onSuccess = async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: ["checklists", incidentId] }),
      client.invalidateQueries({ queryKey: ["incident", incidentId] }),
    ]);
  };
  const answer = useMutation({
    mutationFn: (input: { itemId: string; answer: "confirm" | "override"; reason?: string }) =>
      sendJson("POST", `${base}/items/${input.itemId}`, { answer: input.answer, reason: input.reason }),
    onSuccess,
  });
  const conclude = useMutation({ mutationFn: () => sendJson("POST", `${base}/conclusion`), onSuccess });
  return { answer, conclude };
}
