import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import { sendJson } from "@/components/api/send-json";
import type { CreateTokenBody } from "@/app/api/admin/tokens/schemas";
import type { CreateUserBody, UpdateUserBody } from "@/app/api/admin/users/schemas";
import type { ApiTokenSummary } from "@/lib/auth/api-token-summary";
import type { UserSummary } from "@/lib/auth/user-summary";

export function useUsers(initial: UserSummary[]) {
  return useQuery({
    queryKey: ["admin", "users"],
    queryFn: ({ signal }) => fetchJson<UserSummary[]>("/api/admin/users", signal),
    initialData: initial,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) =>
      sendJson<{ user: UserSummary; generatedPassword: string | null }>("POST", "/api/admin/users", body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["admin", "users"] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateUserBody }) =>
      sendJson<UserSummary>("PATCH", `/api/admin/users/${encodeURIComponent(id)}`, change),
    onSettled: () => client.invalidateQueries({ queryKey: ["admin", "users"] }),
  });
}

export function useTokens(initial: ApiTokenSummary[]) {
  return useQuery({
    queryKey: ["admin", "tokens"],
    queryFn: ({ signal }) => fetchJson<ApiTokenSummary[]>("/api/admin/tokens", signal),
    initialData: initial,
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTokenBody) => sendJson<ApiTokenSummary & { token: string }>("POST", "/api/admin/tokens", body),
    onSuccess: () => client.invalidateQueries({ queryKey: ["admin", "tokens"] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => sendJson<ApiTokenSummary>("DELETE", `/api/admin/tokens/${encodeURIComponent(id)}`),
    onSettled: () => client.invalidateQueries({ queryKey: ["admin", "tokens"] }),
  });
}
