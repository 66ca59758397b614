import Link from "next/link";

import { SeverityBadge, StatusBadge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import type { EntityIncident } from "@/lib/entities/load-entity-incidents";

import styles from "./entity-page.module.css";

/** Lists the incidents an entity appears in, linked to their pages. */
export function EntityIncidents({ incidents, label }: { incidents: EntityIncident[]; label: string }) {
  if (incidents.length === 0) {
    return <p className={styles.empty}>No incident names this {label}.</p>;
  }
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Incidents">
        <thead>
          <tr>
            <th>Severity</th>
            <th>#</th>
            <th>Title</th>
            <th>Status</th>
            <th className={styles.numeric}>Score</th>
            <th className={styles.numeric} title={`Signals of the incident that name this ${label}`}>
              Signals
            </th>
            <th>First seen (UTC)</th>
            <th>Last seen (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id}>
              <td>
                <SeverityBadge severity={incident.severity} />
              </td>
              <td className={styles.time}>{incident.number}</td>
              <td>
                <Link href={`/incidents/${incident.id}`}>{incident.title}</Link>
                {incident.thresholdCrossedAt === null ? <span className={styles.muted}> · below threshold</span> : null}
              </td>
              <td>
                <StatusBadge status={incident.status} />
              </td>
              <td className={styles.numeric}>{incident.score}</td>
              <td className={styles.numeric}>{incident.signalCount}</td>
              <td className={styles.time}>{formatUtc(incident.firstSeen)}</td>
              <td className={styles.time}>{formatUtc(incident.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
