import Link from "next/link";

import { SeverityBadge, StatusBadge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import type { PostmortemList as PostmortemListData, PostmortemListItem } from "@/lib/reports/list-postmortems";

import styles from "./postmortem-list.module.css";

/** Postmortems by last edit, then contained incidents that still need one. */
export function PostmortemList({ data }: { data: PostmortemListData }) {
  return (
    <section className={styles.page}>
      <div className={styles.heading}>
        <h1>Postmortems</h1>
        <span className={styles.count}>{data.postmortems.length}</span>
      </div>
      {data.postmortems.length === 0 ? (
        <p className={styles.muted} role="status">
          No postmortem yet. Once an incident is contained, open it and generate the draft.
        </p>
      ) : (
        <ListTable label="Postmortems" items={data.postmortems} />
      )}
      {data.awaiting.length > 0 ? (
        <>
          <h2>Contained incidents without a postmortem</h2>
          <ListTable label="Incidents awaiting a postmortem" items={data.awaiting} />
        </>
      ) : null}
    </section>
  );
}

function ListTable({ label, items }: { label: string; items: PostmortemListItem[] }) {
  return (
    <table className={styles.table} aria-label={label}>
      <thead>
        <tr>
          <th>#</th>
          <th>Incident</th>
          <th>Severity</th>
          <th>Status</th>
          <th>Last edited (UTC)</th>
          <th>Version</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.incidentId}>
            <td className={styles.mono}>{item.number}</td>
            <td>
              <Link href={`/incidents/${item.incidentId}/postmortem`}>{item.title}</Link>
            </td>
            <td>
              <SeverityBadge severity={item.severity} />
            </td>
            <td>
              <StatusBadge status={item.status} />
            </td>
            <td className={styles.mono}>
              {item.postmortem ? `${formatUtc(item.postmortem.lastEditedAt)} · ${item.postmortem.lastEditedBy}` : "—"}
            </td>
            <td className={styles.mono}>
              {item.postmortem
                ? `v${item.postmortem.currentVersion}${item.postmortem.generated ? " (draft)" : ""}`
                : "not generated"}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
