import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { fetchJson } from "@/components/api/fetch-json";
import type { InitialData } from "@/components/incidents/use-incidents";
import type { getAccessKeyProfile } from "@/lib/entities/get-access-key-profile";
import type { getAddressProfile } from "@/lib/entities/get-address-profile";
import type { getPrincipalProfile } from "@/lib/entities/get-principal-profile";

export type PrincipalProfile = NonNullable<Awaited<ReturnType<typeof getPrincipalProfile>>>;
export type AccessKeyProfile = NonNullable<Awaited<ReturnType<typeof getAccessKeyProfile>>>;
export type AddressProfile = NonNullable<Awaited<ReturnType<typeof getAddressProfile>>>;

/**
 * Poll interval of entity pages. They refresh through the live stream, and
 * the poll is the fallback when it is down. It is slower than the incident
 * pages' poll because an address page reads every event.
 */
const ENTITY_REFETCH_MS = 30_000;

/** Baseline options of the principal page, as its query string sets them. */
export interface PrincipalOptions {
  days: number | null;
  until: string | null;
}

export function principalApiPath(key: string, options: PrincipalOptions): string {
  const params = new URLSearchParams();
  if (options.days !== null) {
    params.set("days", String(options.days));
  }
  if (options.until !== null) {
    params.set("until", options.until);
  }
  const query = params.toString();
  return `/api/principals/${encodeURIComponent(key)}${query ? `?${query}` : ""}`;
}

export function usePrincipalProfile(key: string, options: PrincipalOptions, initial?: InitialData<PrincipalProfile>) {
  return useQuery({
    queryKey: ["principal", key, options.days, options.until],
    queryFn: ({ signal }) => fetchJson<PrincipalProfile>(principalApiPath(key, options), signal),
    initialData: initial?.data,
    initialDataUpdatedAt: initial?.loadedAt,
    placeholderData: keepPreviousData,
    refetchInterval: ENTITY_REFETCH_MS,
  });
}

export function useAccessKeyProfile(id: string, initial: InitialData<AccessKeyProfile>) {
  return useQuery({
    queryKey: ["access-key", id],
    queryFn: ({ signal }) => fetchJson<AccessKeyProfile>(`/api/access-keys/${encodeURIComponent(id)}`, signal),
    initialData: initial.data,
    initialDataUpdatedAt: initial.loadedAt,
    refetchInterval: ENTITY_REFETCH_MS,
  });
}

export function useAddressProfile(ip: string, initial: InitialData<AddressProfile>) {
  return useQuery({
    queryKey: ["address", ip],
    queryFn: ({ signal }) => fetchJson<AddressProfile>(`/api/addresses/${encodeURIComponent(ip)}`, signal),
    initialData: initial.data,
    initialDataUpdatedAt: initial.loadedAt,
    refetchInterval: ENTITY_REFETCH_MS,
  });
}
