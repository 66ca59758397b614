import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { AddressView } from "@/components/entities/address-view";
import { requirePermission } from "@/lib/auth/require-session";
import { addressParamsSchema, decodePathSegment } from "@/lib/entities/entity-query";
import { getAddressProfile } from "@/lib/entities/get-address-profile";

export const dynamic = "force-dynamic";

interface AddressPageProps {
  params: Promise<{ ip: string }>;
}

export async function generateMetadata({ params }: AddressPageProps): Promise<Metadata> {
  return { title: `Address ${decodePathSegment((await params).ip)}` };
}

export default async function AddressPage({ params }: AddressPageProps) {
  await requirePermission("incident.read");
  const parsed = addressParamsSchema.safeParse(await params);
  const loadedAt = Date.now();
  const profile = parsed.success ? await getAddressProfile(parsed.data.ip) : null;
  if (!parsed.success || !profile) {
    notFound();
  }
  return <AddressView ip={parsed.data.ip} initial={{ data: profile, loadedAt }} />;
}
