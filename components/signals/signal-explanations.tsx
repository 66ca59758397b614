"use client";

import Link from "next/link";

import { PhaseBadge, SeverityBadge } from "@/components/badges/badge";
import type { RawEventRef } from "@/components/events/use-raw-event";
import { AsnAttribution } from "@/components/entities/asn-attribution";
import { formatUtc } from "@/components/format/format-utc";
import { addressOwnerLabel } from "@/lib/detect/format-asn";
import type { EventSignal, SignalNovelty } from "@/lib/detect/get-event-signals";

import { baselineHref, dimensionLabel, verdictLabel } from "./baseline-link";
import styles from "./signal-explanations.module.css";
import { useEventSignals } from "./use-event-signals";

// Details every signal carries; the rest is what the rule found.
const COMMON_DETAILS = new Set(["accountId", "region", "eventSource", "userAgent", "principalName", "principalType", "tactics", "novelty"]);

/** Why each rule fired on a record: its explanation, the novelty behind it and what to check next. */
export function SignalExplanations({ eventRef }: { eventRef: RawEventRef }) {
  const query = useEventSignals(eventRef);
  if (!query.data || query.data.length === 0) {
    return null;
  }
  return (
    <section className={styles.section} aria-label="Why this was flagged">
      <h3 className={styles.heading}>Why this was flagged</h3>
      {query.data.map((signal) => (
        <SignalCard key={signal.id} signal={signal} />
      ))}
    </section>
  );
}

function SignalCard({ signal }: { signal: EventSignal }) {
  const findings = Object.entries(signal.details).filter(([key]) => !COMMON_DETAILS.has(key));
  const novelty = signal.novelty.filter((item) => item.verdict !== "no_value");
  return (
    <article className={styles.card} data-rule-id={signal.ruleId}>
      <div className={styles.titleRow}>
        <SeverityBadge severity={signal.severity} />
        <PhaseBadge phase={signal.phase} />
        <span className={styles.title}>{signal.title}</span>
        <span className={styles.score} title="Added to the incident's score">
          +{signal.score}
        </span>
      </div>
      <div className={styles.meta}>
        <span className="mono">{signal.ruleId}</span>
        {[...signal.tactics, ...signal.techniqueIds].map((id) => (
          <a key={id} href={mitreHref(id)} target="_blank" rel="noreferrer" className="mono">
            {id}
          </a>
        ))}
      </div>
      {signal.ruleDescription ? <p className={styles.description}>{signal.ruleDescription}</p> : null}
      {novelty.length > 0 ? (
        <ul className={styles.novelty} aria-label="Compared with the baseline">
          {novelty.map((item) => (
            <NoveltyItem key={`${item.dimension}-${item.value}`} novelty={item} />
          ))}
        </ul>
      ) : null}
      {findings.length > 0 ? (
        <dl className={styles.details}>
          {findings.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd className="mono">{formatValue(value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {novelty.some((item) => item.owner !== null) ? <AsnAttribution className={styles.muted} /> : null}
    </article>
  );
}

function NoveltyItem({ novelty }: { novelty: SignalNovelty }) {
  const isNew = novelty.verdict === "new";
  return (
    <li data-verdict={novelty.verdict}>
      {dimensionLabel(novelty.dimension)} <span className="mono">{novelty.value ?? "—"}</span>
      {novelty.owner ? <span className={styles.muted}> ({ownerLabel(novelty)})</span> : null}:{" "}
      <Link href={baselineHref(novelty)} className={isNew ? styles.newLink : undefined}>
        {verdictLabel(novelty.verdict)}
      </Link>
      {novelty.valueFirstSeen ? <span className={styles.muted}> · first used {formatUtc(novelty.valueFirstSeen)} UTC</span> : null}
    </li>
  );
}

/** Returns the owner of a judged value: the organization of an ASN, else the address owner label. */
function ownerLabel(novelty: SignalNovelty): string {
  if (novelty.owner === null) {
    return "";
  }
  if (novelty.dimension !== "asn") {
    return addressOwnerLabel(novelty.owner);
  }
  return novelty.owner.awsOwned ? `AWS-owned, ${novelty.owner.organization}` : novelty.owner.organization;
}

function mitreHref(id: string): string {
  const path = id.startsWith("TA") ? `tactics/${id}` : `techniques/${id.replace(".", "/")}`;
  return `https://attack.mitre.org/${path}/`;
}

function formatValue(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
