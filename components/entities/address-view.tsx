"use client";

import Link from "next/link";

import { ActivityChart } from "@/components/charts/activity-chart";
import { formatUtc } from "@/components/format/format-utc";
import type { InitialData } from "@/components/incidents/use-incidents";
import { LiveStatus } from "@/components/layout/live-status";
import { awsOwnedLabel, formatAsn } from "@/lib/detect/format-asn";

import { AsnAttribution } from "./asn-attribution";
import { countryName } from "./country-name";
import { EntityIncidents } from "./entity-incidents";
import { AccessKeyLink, PrincipalLink } from "./entity-link";
import styles from "./entity-page.module.css";
import { Fact } from "./fact";
import { type AddressProfile, useAddressProfile } from "./use-entity-profiles";

export function AddressView({ ip, initial }: { ip: string; initial: InitialData<AddressProfile> }) {
  const query = useAddressProfile(ip, initial);
  const profile = query.data ?? initial.data;
  return (
    <div className={styles.page}>
      <AddressHeader profile={profile} />
      <section className={styles.section} aria-label="Activity">
        <div className={styles.sectionHeading}>
          <h2>Events over time</h2>
          <LiveStatus query={query} />
        </div>
        <ActivityChart buckets={profile.activity.buckets} bucketMs={profile.activity.bucketMs} label={`Events from ${ip}`} />
      </section>
      <section className={styles.section} aria-label="Principals">
        <div className={styles.sectionHeading}>
          <h2>Principals that used it</h2>
        </div>
        <AddressPrincipals profile={profile} />
      </section>
      {profile.findings.length > 0 ? (
        <section className={styles.section} aria-label="Findings">
          <div className={styles.sectionHeading}>
            <h2>GuardDuty findings naming it</h2>
          </div>
          <ul className={styles.list}>
            {profile.findings.map((finding) => (
              <li key={finding.id}>
                <Link href={`/events/guardduty/${encodeURIComponent(finding.id)}`}>{finding.type}</Link>{" "}
                <span className={styles.muted}>
                  {finding.severityLabel} · {formatUtc(finding.createdAt)} UTC
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className={styles.section} aria-label="Incidents">
        <div className={styles.sectionHeading}>
          <h2>Incidents</h2>
        </div>
        <EntityIncidents incidents={profile.incidents} label="address" />
      </section>
    </div>
  );
}

/**
 * Shows whether AWS owns the address, judged from its ASN, which needs no
 * other file, and from ip-ranges.json when present, which adds the service
 * and region.
 */
function AwsFact({ aws, asn }: { aws: AddressProfile["aws"]; asn: AddressProfile["asn"] }) {
  const asnLabel = asn === null ? null : awsOwnedLabel(asn);
  if (asnLabel !== null && aws.owned !== true) {
    return <span data-aws-owned="true">yes: {asnLabel}</span>;
  }
  if (aws.owned === null) {
    return asn === null ? (
      <span className={styles.muted} title={aws.reason}>unknown: {aws.reason}</span>
    ) : (
      <span title={aws.reason}>
        no <span className={styles.muted}>(AS{asn.asn} is not an Amazon ASN)</span>
      </span>
    );
  }
  if (!aws.owned) {
    return (
      <span title={aws.source}>
        no <span className={styles.muted}>(not in {aws.source})</span>
      </span>
    );
  }
  return (
    <span title={aws.source} data-aws-owned="true">
      yes: {asnLabel ?? "AWS"}, {aws.service} in {aws.region} <span className="mono">{aws.prefix}</span>
    </span>
  );
}

function AsnFact({ profile }: { profile: AddressProfile }) {
  if (profile.asn === null) {
    return (
      <span className={styles.muted}>{profile.isPublic ? "not in the IP-to-ASN data" : "private or reserved range"}</span>
    );
  }
  return <span>{formatAsn(profile.asn)}</span>;
}

function AddressHeader({ profile }: { profile: AddressProfile }) {
  return (
    <header className={styles.header}>
      <div className={styles.titleRow}>
        <span className={styles.kind}>Address</span>
        <h1 className={`${styles.title} mono`}>{profile.address}</h1>
      </div>
      <dl className={styles.facts}>
        <Fact label="Country">
          {profile.country ? `${profile.country} · ${countryName(profile.country)}` : (
            <span className={styles.muted}>{profile.isPublic ? "not in the GeoLite2 database" : "private or reserved range"}</span>
          )}
        </Fact>
        <Fact label="Autonomous system" wide>
          <AsnFact profile={profile} />
        </Fact>
        <Fact label="AWS-owned" wide>
          <AwsFact aws={profile.aws} asn={profile.asn} />
        </Fact>
        <Fact label="First seen (UTC)">
          <span className="mono">{formatUtc(profile.activity.from)}</span>
        </Fact>
        <Fact label="Last seen (UTC)">
          <span className="mono">{formatUtc(profile.activity.to)}</span>
        </Fact>
        <Fact label="VPC flow records">
          {profile.flows.records === 0 ? (
            <span className={styles.muted}>none</span>
          ) : (
            <span className="mono">
              {profile.flows.records} ({profile.flows.accepted} accepted, {profile.flows.rejected} rejected)
            </span>
          )}
        </Fact>
      </dl>
      <AsnAttribution />
    </header>
  );
}

function AddressPrincipals({ profile }: { profile: AddressProfile }) {
  if (profile.principals.length === 0) {
    return <p className={styles.empty}>No stored CloudTrail event came from this address.</p>;
  }
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Principals that used the address">
        <thead>
          <tr>
            <th>Principal</th>
            <th>Type</th>
            <th>Access keys</th>
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
              <td>
                <ul className={styles.list}>
                  {use.accessKeyIds.map((id) => (
                    <li key={id}>
                      <AccessKeyLink accessKeyId={id} />
                    </li>
                  ))}
                </ul>
              </td>
              <td className={styles.time}>{formatUtc(use.firstSeen)}</td>
              <td className={styles.time}>{formatUtc(use.lastSeen)}</td>
              <td className={styles.numeric}>{use.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
