"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";

import { ActivityChart } from "@/components/charts/activity-chart";
import { formatUtc } from "@/components/format/format-utc";
import type { InitialData } from "@/components/incidents/use-incidents";
import { LiveStatus } from "@/components/layout/live-status";

import { BaselineTables } from "./baseline-tables";
import { EntityIncidents } from "./entity-incidents";
import { AccessKeyLink, PrincipalLink } from "./entity-link";
import styles from "./entity-page.module.css";
import { Fact } from "./fact";
import { type PrincipalOptions, type PrincipalProfile, usePrincipalProfile } from "./use-entity-profiles";

const HISTORY_CHOICES = [1, 3, 7, 14, 30, 90];

interface PrincipalViewProps {
  principalKey: string;
  initial: InitialData<PrincipalProfile> & { options: PrincipalOptions };
}

function readOptions(params: URLSearchParams): PrincipalOptions {
  const days = Number(params.get("days"));
  return { days: Number.isInteger(days) && days > 0 ? days : null, until: params.get("until") };
}

export function PrincipalView({ principalKey, initial }: PrincipalViewProps) {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const options = readOptions(new URLSearchParams(searchParams.toString()));
  const sameAsServer = options.days === initial.options.days && options.until === initial.options.until;
  const query = usePrincipalProfile(principalKey, options, sameAsServer ? initial : undefined);
  const profile = query.data ?? initial.data;
  const dimension = searchParams.get("dimension");
  const value = searchParams.get("value");

  const setParam = (name: string, next: string | null) => {
    const params = new URLSearchParams(window.location.search);
    if (next === null) {
      params.delete(name);
    } else {
      params.set(name, next);
    }
    const text = params.toString();
    window.history.replaceState(null, "", text ? `${pathname}?${text}` : pathname);
  };

  return (
    <div className={styles.page}>
      <PrincipalHeader profile={profile} />
      <section className={styles.section} aria-label="Activity">
        <div className={styles.sectionHeading}>
          <h2>Events over time</h2>
          <LiveStatus query={query} />
        </div>
        <ActivityChart
          buckets={profile.activity.buckets}
          bucketMs={profile.activity.bucketMs}
          label={`Events of ${profile.principal.name ?? profile.principal.key} over time`}
        />
      </section>
      <section className={styles.section} aria-label="Baseline">
        <div className={styles.sectionHeading}>
          <h2>Baseline</h2>
          <span className={styles.muted}>
            as of {formatUtc(profile.baseline.until)} UTC, over {profile.baseline.days} days
          </span>
          <label className={styles.controls}>
            History
            <select
              value={profile.baseline.days}
              onChange={(event) => setParam("days", event.target.value)}
              aria-label="Days of history"
            >
              {[...new Set([...HISTORY_CHOICES, profile.baseline.days])].sort((a, b) => a - b).map((days) => (
                <option key={days} value={days}>
                  {days} {days === 1 ? "day" : "days"}
                </option>
              ))}
            </select>
          </label>
          {options.until !== null ? (
            <button type="button" className={styles.controls} onClick={() => setParam("until", null)}>
              Show as of the last activity
            </button>
          ) : null}
        </div>
        <BaselineNotice profile={profile} />
        <BaselineTables baseline={profile.baseline} highlight={dimension && value ? { dimension, value } : null} />
      </section>
      <section className={styles.section} aria-label="Incidents">
        <div className={styles.sectionHeading}>
          <h2>Incidents</h2>
        </div>
        <EntityIncidents incidents={profile.incidents} label="principal" />
      </section>
    </div>
  );
}

function BaselineNotice({ profile }: { profile: PrincipalProfile }) {
  const { baseline } = profile;
  if (baseline.state === "not_enough_history") {
    return (
      <p className={styles.notice} role="status" data-state="not_enough_history">
        Not enough history: this principal was first seen {formatUtc(profile.principal.firstSeen)} UTC, less than{" "}
        {baseline.minHistoryHours} hours before {formatUtc(baseline.until)} UTC. Nothing it does counts as new until it
        has that much history.
      </p>
    );
  }
  if (baseline.coveredDays < baseline.days) {
    return (
      <p className={styles.muted}>
        Stored history covers {baseline.coveredDays} of the {baseline.days} days. Values first used within{" "}
        {baseline.noveltyWindowHours} hours before the end are marked new.
      </p>
    );
  }
  return (
    <p className={styles.muted}>
      Values first used within {baseline.noveltyWindowHours} hours before the end are marked new.
    </p>
  );
}

function PrincipalHeader({ profile }: { profile: PrincipalProfile }) {
  const { principal, createdBy } = profile;
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <span className={styles.kind}>Principal</span>
        <h1 className={styles.title}>{principal.name ?? principal.key}</h1>
      </div>
      <dl className={styles.facts}>
        <Fact label="Type">{principal.type}</Fact>
        <Fact label="ARN" wide>
          <span className="mono">{principal.arn ?? "—"}</span>
          {principal.arn !== principal.key ? <div className={`mono ${styles.muted}`}>key {principal.key}</div> : null}
        </Fact>
        <Fact label="Account">
          <span className="mono">{principal.accountId ?? "—"}</span>
        </Fact>
        <Fact label="First seen (UTC)">
          <span className="mono">{formatUtc(principal.firstSeen)}</span>
        </Fact>
        <Fact label="Last seen (UTC)">
          <span className="mono">{formatUtc(principal.lastSeen)}</span>
        </Fact>
        <Fact label="Events">
          <span className="mono">{principal.eventCount}</span>
        </Fact>
        <Fact label="Owner (created by)">
          {createdBy ? (
            <>
              {createdBy.principalKey ? (
                <PrincipalLink principalKey={createdBy.principalKey}>{createdBy.principalName ?? createdBy.principalKey}</PrincipalLink>
              ) : (
                "unknown caller"
              )}
              <div className={styles.muted}>
                <Link href={`/events/cloudtrail/${encodeURIComponent(createdBy.naturalId)}`}>{createdBy.eventName}</Link> at{" "}
                {formatUtc(createdBy.eventTime)}
              </div>
            </>
          ) : (
            <span className={styles.muted}>no creation call stored</span>
          )}
        </Fact>
        <Fact label="Session names">
          {profile.sessionNames.length === 0 ? (
            <span className={styles.muted}>none</span>
          ) : (
            <ul className={styles.list}>
              {profile.sessionNames.map((session) => (
                <li key={session.name} className="mono" title={`${formatUtc(session.firstSeen)} – ${formatUtc(session.lastSeen)} UTC`}>
                  {session.name} <span className={styles.muted}>×{session.count}</span>
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact label="Access keys">
          {profile.accessKeys.length === 0 ? (
            <span className={styles.muted}>none</span>
          ) : (
            <ul className={styles.list}>
              {profile.accessKeys.map((key) => (
                <li key={key.accessKeyId}>
                  <AccessKeyLink accessKeyId={key.accessKeyId} />
                  {key.status ? <span className={styles.muted}> · {key.status}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Fact>
      </dl>
    </header>
  );
}
