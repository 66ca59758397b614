import Link from "next/link";
import { notFound } from "next/navigation";

import { RawEventView } from "@/components/events/raw-event-view";
import { requirePermission } from "@/lib/auth/require-session";
import { decodePathSegment } from "@/lib/entities/entity-query";
import { getRawEvent, rawEventKeySchema, type RawEventKey } from "@/lib/events/get-raw-event";

import styles from "./page.module.css";

export const dynamic = "force-dynamic";

export const metadata = { title: "Raw record" };

interface RawEventPageProps {
  params: Promise<{ source: string; naturalId: string }>;
}

export default async function RawEventPage({ params }: RawEventPageProps) {
  await requirePermission("incident.read");
  const parsed = rawEventKeySchema.safeParse(await params);
  if (!parsed.success) {
    notFound();
  }
  const found = await findRawEvent(parsed.data);
  if (!found) {
    notFound();
  }
  return (
    <div className={styles.page}>
      <nav className={styles.breadcrumb} aria-label="Breadcrumb">
        <Link href="/">Incidents</Link> / Raw record
      </nav>
      <RawEventView eventRef={found.key} initialData={found.event} />
    </div>
  );
}

/**
 * Looks the record up by the id as the page received it, then percent-decoded
 * once. Page params arrive still encoded when the id contains characters such as
 * `/` or `<` (seen with Next.js 16.5: an eventID with both was not found, while
 * the API route received it decoded).
 */
async function findRawEvent(key: RawEventKey): Promise<{ key: RawEventKey; event: NonNullable<Awaited<ReturnType<typeof getRawEvent>>> } | null> {
  const exact = await getRawEvent(key);
  if (exact) {
    return { key, event: exact };
  }
  const decoded = decodePathSegment(key.naturalId);
  if (decoded === key.naturalId) {
    return null;
  }
  const decodedKey = { ...key, naturalId: decoded };
  const event = await getRawEvent(decodedKey);
  return event ? { key: decodedKey, event } : null;
}
