"use client";

import Link from "next/link";

import { ActivityChart } from "@/components/charts/activity-chart";
import { formatUtc } from "@/components/format/format-utc";
import type { InitialData } from "@/components/incidents/use-incidents";
import { LiveStatus } from "@/components/layout/live-status";

import { EntityIncidents } from "./entity-incidents";
import { AccessKeyLink, PrincipalLink } from "./entity-link";
import styles from "./entity-page.module.css";
import { Fact } from "./fact";
import { type AccessKeyProfile, useAccessKeyProfile } from "./use-entity-profiles";

const KIND_LABELS: Record<AccessKeyProfile["kind"], string> = {
  "long-term": "long-term key (AKIA)",
  temporary: "temporary credentials (ASIA)",
  unknown: "unrecognised key format",
};

function eventHref(naturalId: string): string {
  return `/events/cloudtrail/${encodeURIComponent(naturalId)}`;
}

export function AccessKeyView({ id, initial }: { id: string; initial: InitialData<AccessKeyProfile> }) {
  const query = useAccessKeyProfile(id, initial);
  const profile = query.data ?? initial.data;
  return (
    <div className={styles.page}>
      <AccessKeyHeader profile={profile} />
      <section className={styles.section} aria-label="Activity">
        <div className={styles.sectionHeading}>
          <h2>Events over time</h2>
          <LiveStatus query={query} />
        </div>
        <ActivityChart buckets={profile.activity.buckets} bucketMs={profile.activity.bucketMs} label={`Events signed with ${id}`} />
      </section>
      <section className={styles.section} aria-label="Lineage">
        <div className={styles.sectionHeading}>
          <h2>Lineage</h2>
        </div>
        <div className={styles.grid}>
          <PrincipalUses profile={profile} />
          <DerivedCredentials profile={profile} />
        </div>
      </section>
      <section className={styles.section} aria-label="Incidents">
        <div className={styles.sectionHeading}>
          <h2>Incidents</h2>
        </div>
        <EntityIncidents incidents={profile.incidents} label="access key" />
      </section>
    </div>
  );
}

function AccessKeyHeader({ profile }: { profile: AccessKeyProfile }) {
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <span className={styles.kind}>Access key</span>
        <h1 className={`${styles.title} mono`}>{profile.accessKeyId}</h1>
      </div>
      <dl className={styles.facts}>
        <Fact label="Kind">{KIND_LABELS[profile.kind]}</Fact>
        <Fact label="Owner">
          {profile.ownerKey ? (
            <PrincipalLink principalKey={profile.ownerKey}>{profile.ownerName ?? profile.ownerKey}</PrincipalLink>
          ) : (
            <span className={styles.muted}>unknown</span>
          )}
        </Fact>
        <Fact label="Status">
          {profile.status ?? <span className={styles.muted}>not recorded</span>}
          {profile.statusChange ? (
            <span className={styles.muted}>
              {" "}
              since{" "}
              <Link href={`/events/cloudtrail/${encodeURIComponent(profile.statusChange.eventId)}`} className="mono">
                {formatUtc(profile.statusChange.at)}
              </Link>
            </span>
          ) : null}
        </Fact>
        <Fact label="Created (UTC)">
          {profile.createdAt ? <span className="mono">{formatUtc(profile.createdAt)}</span> : <span className={styles.muted}>no CreateAccessKey stored</span>}
        </Fact>
        <Fact label="Created by">
          {profile.createdByPrincipalKey ? <PrincipalLink principalKey={profile.createdByPrincipalKey} /> : null}
          {profile.createdByKey ? (
            <div>
              with <AccessKeyLink accessKeyId={profile.createdByKey} />
            </div>
          ) : null}
          {profile.createdByEventId ? (
            <div className={styles.muted}>
              <Link href={eventHref(profile.createdByEventId)}>CreateAccessKey record</Link>
            </div>
          ) : null}
          {profile.createdByKey === null && profile.createdByPrincipalKey === null ? <span className={styles.muted}>unknown</span> : null}
        </Fact>
        <Fact label="Obtained from">
          {profile.obtainedFrom ? (
            <>
              <Link href={eventHref(profile.obtainedFrom.naturalId)}>{profile.obtainedFrom.eventName}</Link>
              {profile.obtainedFrom.obtainedWith ? (
                <div>
                  with <AccessKeyLink accessKeyId={profile.obtainedFrom.obtainedWith} />
                </div>
              ) : null}
            </>
          ) : (
            <span className={styles.muted}>{profile.kind === "temporary" ? "no STS call stored" : "not a session key"}</span>
          )}
        </Fact>
        <Fact label="First seen (UTC)">
          <span className="mono">{formatUtc(profile.firstSeen)}</span>
        </Fact>
        <Fact label="Last seen (UTC)">
          <span className="mono">{formatUtc(profile.lastSeen)}</span>
        </Fact>
      </dl>
    </header>
  );
}

function PrincipalUses({ profile }: { profile: AccessKeyProfile }) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Principals that used the key">
        <caption>Principals that used it</caption>
        <thead>
          <tr>
            <th>Principal</th>
            <th>Type</th>
            <th>First seen (UTC)</th>
            <th>Last seen (UTC)</th>
            <th className={styles.numeric}>Events</th>
          </tr>
        </thead>
        <tbody>
          {profile.principals.map((use) => (
            <tr key={use.principalKey}>
              <td>
                <PrincipalLink principalKey={use.principalKey}>{use.name ?? use.principalKey}</PrincipalLink>
              </td>
              <td>{use.type ?? "—"}</td>
              <td className={styles.time}>{formatUtc(use.firstSeen)}</td>
              <td className={styles.time}>{formatUtc(use.lastSeen)}</td>
              <td className={styles.numeric}>{use.count}</td>
            </tr>
          ))}
          {profile.principals.length === 0 ? (
            <tr>
              <td colSpan={5} className={styles.muted}>
                No stored event was signed with this key.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

function DerivedCredentials({ profile }: { profile: AccessKeyProfile }) {
  const rows = [
    ...profile.keysCreated.map((key) => ({
      accessKeyId: key.accessKeyId,
      how: "CreateAccessKey",
      at: key.createdAt,
      eventId: null as string | null,
    })),
    ...profile.sessions.map((session) => ({
      accessKeyId: session.accessKeyId,
      how: session.roleArn ? `${session.eventName} ${session.roleArn}` : session.eventName,
      at: session.eventTime,
      eventId: session.naturalId,
    })),
  ];
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Credentials obtained with the key">
        <caption>Keys and sessions obtained with it</caption>
        <thead>
          <tr>
            <th>Access key</th>
            <th>How</th>
            <th>When (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.accessKeyId}-${row.how}`}>
              <td>
                <AccessKeyLink accessKeyId={row.accessKeyId} />
              </td>
              <td className={styles.value}>{row.eventId ? <Link href={eventHref(row.eventId)}>{row.how}</Link> : row.how}</td>
              <td className={styles.time}>{formatUtc(row.at)}</td>
            </tr>
          ))}
          {rows.length === 0 ? (
            <tr>
              <td colSpan={3} className={styles.muted}>
                No keys or sessions were obtained with this key.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
