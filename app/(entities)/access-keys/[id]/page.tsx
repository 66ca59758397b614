import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { AccessKeyView } from "@/components/entities/access-key-view";
import { requirePermission } from "@/lib/auth/require-session";
import { accessKeyParamsSchema } from "@/lib/entities/entity-query";
import { getAccessKeyProfile } from "@/lib/entities/get-access-key-profile";

export const dynamic = "force-dynamic";

interface AccessKeyPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: AccessKeyPageProps): Promise<Metadata> {
  return { title: `Access key ${(await params).id}` };
}

export default async function AccessKeyPage({ params }: AccessKeyPageProps) {
  await requirePermission("incident.read");
  const parsed = accessKeyParamsSchema.safeParse(await params);
  const loadedAt = Date.now();
  const profile = parsed.success ? await getAccessKeyProfile(parsed.data.id) : null;
  if (!parsed.success || !profile) {
    notFound();
  }
  return <AccessKeyView id={parsed.data.id} initial={{ data: profile, loadedAt }} />;
}
