import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";

import { PrincipalView } from "@/components/entities/principal-view";
import { requirePermission } from "@/lib/auth/require-session";
import { principalParamsSchema, principalQuerySchema } from "@/lib/entities/entity-query";
import { getPrincipalProfile } from "@/lib/entities/get-principal-profile";

export const dynamic = "force-dynamic";

interface PrincipalPageProps {
  params: Promise<{ key: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Reads the key and the baseline options; options that do not parse are ignored. */
async function readRequest(props: PrincipalPageProps) {
  const params = principalParamsSchema.safeParse(await props.params);
  const search = await props.searchParams;
  const query = principalQuerySchema.safeParse({ days: search.days, until: search.until });
  return {
    key: params.success ? params.data.key : null,
    days: query.success ? (query.data.days ?? null) : null,
    until: query.success ? (query.data.until ?? null) : null,
  };
}

// One read per request, shared by the page and its metadata, which is
// principal data too and so waits for the same permission check.
const loadProfile = cache(async (key: string, days: number | null, until: string | null) => {
  await requirePermission("incident.read");
  return getPrincipalProfile({ principalKey: key, days: days ?? undefined, until: until ? new Date(until) : undefined });
});

export async function generateMetadata(props: PrincipalPageProps): Promise<Metadata> {
  const { key, days, until } = await readRequest(props);
  const profile = key ? await loadProfile(key, days, until) : null;
  return { title: profile ? `Principal ${profile.principal.name ?? profile.principal.key}` : "Principal not found" };
}

export default async function PrincipalPage(props: PrincipalPageProps) {
  const { key, days, until } = await readRequest(props);
  const loadedAt = Date.now();
  const profile = key ? await loadProfile(key, days, until) : null;
  if (!key || !profile) {
    notFound();
  }
  return <PrincipalView principalKey={key} initial={{ data: profile, loadedAt, options: { days, until } }} />;
}
