import Link from "next/link";
import { notFound } from "next/navigation";

import { RawEventView } from "@/components/events/raw-event-view";
import { requirePermission } from "@/lib/auth/require-session";
import { getRawEvent, rawEventKeySchema } from "@/lib/events/get-raw-event";

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
  const event = await getRawEvent(parsed.data);
  if (!event) {
    notFound();
  }
  return (
    <div className={styles.page}>
      <nav className={styles.breadcrumb} aria-label="Breadcrumb">
        <Link href="/">Incidents</Link> / Raw record
      </nav>
      <RawEventView eventRef={parsed.data} initialData={event} />
    </div>
  );
}
