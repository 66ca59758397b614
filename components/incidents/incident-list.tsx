"use client";

import Link from "next/link";

import { SeverityBadge, SourceBadge, StatusBadge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import { LiveStatus } from "@/components/layout/live-status";

import styles from "./incident-list.module.css";
import {
  useIncidents,
  type IncidentList as IncidentListData,
  type IncidentListItem,
  type InitialData,
} from "./use-incidents";

interface IncidentListProps {
  includeBelowThreshold: boolean;
  initial: InitialData<IncidentListData>;
}

export function IncidentList({ includeBelowThreshold, initial }: IncidentListProps) {
  const query = useIncidents({ includeBelowThreshold, initial });
  const incidents = query.data ?? [];
  return (
    <section className={styles.page}>
      <div className={styles.heading}>
        <h1>Incidents</h1>
        <span className={styles.count}>{incidents.length}</span>
        <Link className={styles.filter} href={includeBelowThreshold ? "/" : "/?all=1"} prefetch={false}>
          {includeBelowThreshold ? "Hide below-threshold incidents" : "Include below-threshold incidents"}
        </Link>
        <LiveStatus query={query} />
      </div>
      {incidents.length === 0 ? (
        <EmptyState includeBelowThreshold={includeBelowThreshold} />
      ) : (
        <IncidentTable incidents={incidents} />
      )}
    </section>
  );
}

function IncidentTable({ incidents }: { incidents: IncidentListItem[] }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Incidents">
        <thead>
          <tr>
            <th>Severity</th>
            <th className={styles.numeric}>#</th>
            <th>Title</th>
            <th>Principal</th>
            <th>Status</th>
            <th>Sources</th>
            <th className={styles.numeric}>Score</th>
            <th>First seen (UTC)</th>
            <th>Last seen (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <IncidentRow key={incident.id} incident={incident} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IncidentRow({ incident }: { incident: IncidentListItem }) {
  const href = `/incidents/${incident.id}`;
  const principalName = incident.principal.name ?? incident.principal.key;
  return (
    <tr data-incident-id={incident.id}>
      <td>
        <SeverityBadge severity={incident.severity} />
      </td>
      <td className={`${styles.numeric} ${styles.mono}`}>{incident.number}</td>
      <td className={styles.title}>
        <Link href={href}>{incident.title}</Link>
        {incident.thresholdCrossedAt ? null : <span className={styles.below}>below threshold</span>}
      </td>
      <td>
        <div className={styles.principalName}>{principalName}</div>
        <div className={styles.principalArn} title={incident.principal.arn ?? incident.principal.key}>
          {incident.principal.arn ?? incident.principal.key}
        </div>
      </td>
      <td>
        <StatusBadge status={incident.status} />
      </td>
      <td className={styles.sources}>
        {incident.sources.map((source) => (
          <SourceBadge key={source} source={source} />
        ))}
      </td>
      <td className={`${styles.numeric} ${styles.mono}`}>{incident.score}</td>
      <td className={styles.mono}>{formatUtc(incident.firstSeen)}</td>
      <td className={styles.mono}>{formatUtc(incident.lastSeen)}</td>
    </tr>
  );
}

function EmptyState({ includeBelowThreshold }: { includeBelowThreshold: boolean }) {
  return (
    <div className={styles.empty} role="status">
      <h2>{includeBelowThreshold ? "No incidents" : "No incidents above the alert threshold"}</h2>
      <p>Load logs to start. From the project folder, run either:</p>
      <pre className={styles.commands}>
        <code>npx watchfloor demo</code>
        {"\n"}
        <code>npx watchfloor ingest PATH</code>
      </pre>
      <p className={styles.hint}>
        <code>demo</code> loads a sample account compromise. <code>ingest</code> reads log files or folders
        exported from AWS. This page refreshes every few seconds.
      </p>
    </div>
  );
}
