"use client";

import Link from "next/link";
import { useState } from "react";

import { SourceBadge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import { SignalExplanations } from "@/components/signals/signal-explanations";

import { ProvenanceDetails } from "./provenance-details";
import styles from "./raw-event-view.module.css";
import { rawEventPath, useRawEvent, type RawEventRef, type RawEventView as RawEventData } from "./use-raw-event";

interface RawEventViewProps {
  eventRef: RawEventRef;
  initialData?: RawEventData;
  /** Shows a link to the record's own page, for the side panel. */
  showPageLink?: boolean;
}

/** A stored record's exact text, a formatted view on request, and where it came from. */
export function RawEventView({ eventRef, initialData, showPageLink }: RawEventViewProps) {
  const query = useRawEvent(eventRef, initialData);
  if (query.isPending) {
    return <p className={styles.message}>Loading the raw record…</p>;
  }
  if (query.isError) {
    return (
      <p className={`${styles.message} ${styles.error}`} role="alert">
        {query.error.message}
      </p>
    );
  }
  const event = query.data;
  return (
    <article className={styles.view} data-natural-id={event.naturalId}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <h2>{event.eventName ?? "Record"}</h2>
          <SourceBadge source={event.source} />
          {showPageLink ? (
            <Link className={styles.pageLink} href={rawEventPath(event, "/events")}>
              Open as page
            </Link>
          ) : null}
        </div>
        <div className={styles.meta}>
          <span className="mono">{event.naturalId}</span>
          <span>{event.eventTime ? `${formatUtc(event.eventTime)} UTC` : "no event time"}</span>
        </div>
      </header>
      <SignalExplanations eventRef={eventRef} />
      <RawText
        raw={event.raw}
        byteLength={event.byteLength}
        downloadHref={`${rawEventPath(event, "/api/events")}?download=1`}
      />
      {event.validUtf8 ? null : (
        <p className={styles.warning}>
          The stored bytes are not valid UTF-8, so invalid bytes show as �. Download the record for its exact bytes.
        </p>
      )}
      <ProvenanceDetails event={event} />
    </article>
  );
}

function formatJson(raw: string): { text: string; ok: boolean } {
  try {
    return { text: JSON.stringify(JSON.parse(raw), null, 2), ok: true };
  } catch {
    return { text: raw, ok: false };
  }
}

function RawText(props: { raw: string; byteLength: number; downloadHref: string }) {
  const { raw, byteLength, downloadHref } = props;
  const [formatted, setFormatted] = useState(false);
  const [copied, setCopied] = useState(false);
  const shown = formatted ? formatJson(raw) : { text: raw, ok: true };
  const copy = () => {
    navigator.clipboard.writeText(raw).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <section className={styles.raw} aria-label="Raw record">
      <div className={styles.toolbar}>
        <div className={styles.toggle} role="group" aria-label="Display">
          <button type="button" aria-pressed={!formatted} onClick={() => setFormatted(false)}>
            As ingested
          </button>
          <button type="button" aria-pressed={formatted} onClick={() => setFormatted(true)}>
            Formatted
          </button>
        </div>
        <span className={styles.bytes}>{byteLength} bytes</span>
        <button type="button" className={styles.action} onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
        <a className={styles.action} href={downloadHref} download>
          Download
        </a>
      </div>
      {formatted ? (
        <p className={styles.note}>
          {shown.ok
            ? "Formatted view: parsed and re-serialised, so spacing, number notation and repeated keys may differ from the delivered bytes. Use As ingested as evidence."
            : "The record is not valid JSON, so it is shown as ingested."}
        </p>
      ) : null}
      <pre className={styles.text} data-formatted={formatted ? "true" : "false"}>
        {shown.text}
      </pre>
    </section>
  );
}
