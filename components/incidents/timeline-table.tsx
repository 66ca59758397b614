"use client";

import type { KeyboardEvent } from "react";

import { Badge, PhaseBadge } from "@/components/badges/badge";
import { AccessKeyLink, AddressLink, PrincipalLink } from "@/components/entities/entity-link";
import { formatDuration, formatUtc } from "@/components/format/format-utc";
import { TimelineActionRow } from "@/components/lifecycle/timeline-action-row";
import type { TimelineAction } from "@/lib/response/lifecycle/load-incident-lifecycle";
import { mergeTimelineActions } from "@/lib/response/lifecycle/merge-timeline-actions";

import styles from "./timeline-table.module.css";
import type { TimelineEntry } from "./use-incidents";

interface TimelineTableProps {
  entries: TimelineEntry[];
  /** Responders' actions, shown as rows of their own among the events. */
  actions?: TimelineAction[];
  selectedKey: string | null;
  onSelect: (entry: TimelineEntry) => void;
}

export function timelineEntryKey(entry: { source: string; naturalId: string }): string {
  return `${entry.source}/${entry.naturalId}`;
}

const COLUMNS = 9;

export function TimelineTable({ entries, actions = [], selectedKey, onSelect }: TimelineTableProps) {
  return (
    <div className={styles.wrap}>
      <table className={styles.table} aria-label="Timeline">
        <thead>
          <tr>
            <th>Time (UTC)</th>
            <th title="When Watchfloor stored the record">Ingested (UTC)</th>
            <th>Phase</th>
            <th>Event</th>
            <th>Principal</th>
            <th>Access key</th>
            <th>Source IP</th>
            <th>User agent</th>
            <th>Rule</th>
          </tr>
        </thead>
        <tbody>
          {mergeTimelineActions(entries, actions).map((item) =>
            item.kind === "action" ? (
              <TimelineActionRow key={`action-${item.seq}`} action={item} columns={COLUMNS} />
            ) : (
              <TimelineRow
                key={timelineEntryKey(item)}
                entry={item}
                selected={selectedKey === timelineEntryKey(item)}
                onSelect={onSelect}
              />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function rowClass(entry: TimelineEntry, selected: boolean): string {
  const classes = [styles.row];
  if (entry.phase === null) {
    classes.push(styles.context);
  }
  if (entry.thresholdCrossed) {
    classes.push(styles.threshold);
  }
  if (selected) {
    classes.push(styles.selected);
  }
  return classes.join(" ");
}

function ruleTooltip(entry: TimelineEntry): string | undefined {
  if (entry.signals.length === 0) {
    return undefined;
  }
  return entry.signals.map((signal) => `${signal.ruleId} (+${signal.score}): ${signal.title}`).join("\n");
}

function TimelineRow(props: { entry: TimelineEntry; selected: boolean; onSelect: (entry: TimelineEntry) => void }) {
  const { entry, selected, onSelect } = props;
  const open = () => onSelect(entry);
  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open();
    }
  };
  return (
    <tr
      className={rowClass(entry, selected)}
      data-natural-id={entry.naturalId}
      data-phase={entry.phase ?? undefined}
      data-threshold={entry.thresholdCrossed ? "true" : undefined}
      aria-selected={selected}
      tabIndex={0}
      onClick={open}
      onKeyDown={onKeyDown}
      title="Open the raw record"
    >
      <td className={styles.time}>{formatUtc(entry.eventTime)}</td>
      <IngestedCell entry={entry} />
      <td>{entry.phase ? <PhaseBadge phase={entry.phase} /> : <span className={styles.none}>—</span>}</td>
      <td>
        <div className={styles.event}>
          <span className={styles.eventName}>{entry.eventName ?? "(unnamed)"}</span>
          {entry.errorCode ? (
            <Badge color="#ff8a3d" quiet>
              {entry.errorCode}
            </Badge>
          ) : null}
          {entry.thresholdCrossed ? (
            <Badge color="#ff4d5e" title="The incident's score crossed the alert threshold at this signal">
              threshold crossed
            </Badge>
          ) : null}
          {entry.source !== "cloudtrail" ? <span className={styles.source}>{entry.source}</span> : null}
        </div>
      </td>
      <td className={styles.principal}>
        {entry.principalKey ? (
          <PrincipalLink principalKey={entry.principalKey} title={entry.principalArn ?? entry.principalKey}>
            {entry.principalName ?? entry.principalArn ?? entry.principalKey}
          </PrincipalLink>
        ) : (
          (entry.principalName ?? entry.principalArn ?? "—")
        )}
      </td>
      <td className={styles.mono}>{entry.accessKeyId ? <AccessKeyLink accessKeyId={entry.accessKeyId} /> : "—"}</td>
      <td className={styles.mono}>
        {entry.sourceIp ? <AddressLink address={entry.sourceIp} /> : (entry.sourceService ?? "—")}
      </td>
      <td className={styles.userAgent} title={entry.userAgent ?? undefined}>
        {entry.userAgent ?? "—"}
      </td>
      <td className={styles.rule} title={ruleTooltip(entry)}>
        {entry.ruleId ? (
          <>
            <span className={styles.score}>+{entry.score}</span>
            <span title={entry.ruleTitle ?? undefined}>{entry.ruleId}</span>
            {entry.signals.length > 1 ? (
              <span className={styles.more}>
                +{entry.signals.length - 1} rule{entry.signals.length > 2 ? "s" : ""}
              </span>
            ) : null}
          </>
        ) : null}
      </td>
    </tr>
  );
}

/** Ingest time, with how long after the event it arrived; findings without a stored event show a dash. */
function IngestedCell({ entry }: { entry: TimelineEntry }) {
  if (entry.ingestedAt === null) {
    return <td className={`${styles.time} ${styles.none}`}>—</td>;
  }
  const lag = formatDuration(entry.eventTime, entry.ingestedAt);
  return (
    <td className={`${styles.time} ${styles.ingested}`} title={`Stored ${lag} after the event`}>
      {formatUtc(entry.ingestedAt)}
    </td>
  );
}
