import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import { sendJson } from "@/components/api/send-json";
import type { InitialData } from "@/components/incidents/use-incidents";
import type { importChangeWindows } from "@/lib/response/change-windows/import-change-windows";
import type { ChangeWindowView } from "@/lib/response/change-windows/list-change-windows";

export type ImportResult = Awaited<ReturnType<typeof importChangeWindows>>;

export interface ChangeWindowForm {
  title: string;
  startsAt: string;
  endsAt: string;
  accountId: string;
  principalPattern: string;
  reference: string;
}

export function useChangeWindows(initial: InitialData<ChangeWindowView[]>) {
  return useQuery({
    queryKey: ["change-windows"],
    queryFn: ({ signal }) => fetchJson<ChangeWindowView[]>("/api/change-windows", signal),
    initialData: initial.data,
    initialDataUpdatedAt: initial.loadedAt,
  });
}

export function useChangeWindowMutations() {
  const client = useQueryClient();
  const onSuccess = () => client.invalidateQueries({ queryKey: ["change-windows"] });
  return {
    create: useMutation({ mutationFn: (form: ChangeWindowForm) => sendJson<ChangeWindowView>("POST", "/api/change-windows", form), onSuccess }),
    remove: useMutation({
      mutationFn: (id: string) => sendJson("DELETE", `/api/change-windows/${encodeURIComponent(id)}`),
      onSuccess,
    }),
    upload: useMutation({
      mutationFn: async (file: File) =>
        sendJson<ImportResult>("POST", "/api/change-windows/import", { fileName: file.name, content: await file.text() }),
      onSuccess,
    }),
  };
}
