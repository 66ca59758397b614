import Link from "next/link";
import type { ReactNode } from "react";

import { SeverityBadge, SourceBadge, StatusBadge } from "@/components/badges/badge";
import { AccessKeyLink, AddressLink, PrincipalLink } from "@/components/entities/entity-link";
import { formatDuration, formatUtc } from "@/components/format/format-utc";

import styles from "./incident-header.module.css";
import type { IncidentDetail } from "./use-incidents";

export function IncidentHeader({ incident }: { incident: IncidentDetail }) {
  const { principal } = incident;
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <SeverityBadge severity={incident.severity} />
        <StatusBadge status={incident.status} />
        <span className={styles.number}>#{incident.number}</span>
        <h1 className={styles.title}>{incident.title}</h1>
        <Link className={styles.postmortemLink} href={`/incidents/${incident.id}/postmortem`}>
          Postmortem
        </Link>
        <div className={styles.score} title="Sum of the signal scores">
          <span className={styles.scoreLabel}>Score</span>
          <span className={styles.scoreValue}>{incident.score}</span>
        </div>
      </div>
      <dl className={styles.facts}>
        <Fact label="Principal" wide>
          <span className={styles.principalName}>
            <PrincipalLink principalKey={principal.key}>{principal.name ?? principal.key}</PrincipalLink>
          </span>
          {principal.type ? <span className={styles.muted}> · {principal.type}</span> : null}
          {principal.accountId ? <span className={styles.muted}> · account </span> : null}
          {principal.accountId ? <span className="mono">{principal.accountId}</span> : null}
          <div className={`mono ${styles.arn}`}>{principal.arn ?? principal.key}</div>
        </Fact>
        <Fact label="Access keys">
          <MonoList values={incident.accessKeyIds} render={(id) => <AccessKeyLink accessKeyId={id} />} />
        </Fact>
        <Fact label="Source IPs">
          <MonoList values={incident.sourceIps} render={(ip) => <AddressLink address={ip} />} />
        </Fact>
        <Fact label="Sources">
          <span className={styles.inline}>
            {incident.sources.map((source) => (
              <SourceBadge key={source} source={source} />
            ))}
          </span>
        </Fact>
        <Fact label="First seen (UTC)">
          <span className="mono">{formatUtc(incident.firstSeen)}</span>
        </Fact>
        <Fact label="Last seen (UTC)">
          <span className="mono">{formatUtc(incident.lastSeen)}</span>
          <div className={styles.muted}>after {formatDuration(incident.firstSeen, incident.lastSeen)}</div>
        </Fact>
        <Fact label="Threshold crossed (UTC)">
          <span className={incident.thresholdCrossedAt ? `mono ${styles.threshold}` : "mono"}>
            {incident.thresholdCrossedAt ? formatUtc(incident.thresholdCrossedAt) : "not crossed"}
          </span>
        </Fact>
        <Fact label="Contained (UTC)">
          <span className={incident.containedAt ? `mono ${styles.contained}` : "mono"}>
            {incident.containedAt ? formatUtc(incident.containedAt) : "not contained"}
          </span>
          {incident.containedAt && incident.thresholdCrossedAt ? (
            <div className={styles.muted}>
              {formatDuration(incident.thresholdCrossedAt, incident.containedAt)} after threshold
            </div>
          ) : null}
        </Fact>
      </dl>
    </header>
  );
}

function Fact(props: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={props.wide ? `${styles.fact} ${styles.wide}` : styles.fact}>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

function MonoList({ values, render }: { values: string[]; render: (value: string) => ReactNode }) {
  if (values.length === 0) {
    return <span className={styles.muted}>none</span>;
  }
  return (
    <ul className={styles.monoList}>
      {values.map((value) => (
        <li key={value} className="mono">
          {render(value)}
        </li>
      ))}
    </ul>
  );
}
