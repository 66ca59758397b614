"use client";

import { useCallback, useMemo, useState } from "react";

import { PhaseChart } from "@/components/charts/phase-chart";
import { ContainmentPanel } from "@/components/containment/containment-panel";
import { CoverageGapsBanner } from "@/components/coverage/coverage-gaps-banner";
import { RawEventPanel } from "@/components/events/raw-event-panel";
import type { RawEventRef } from "@/components/events/use-raw-event";
import { formatUtc } from "@/components/format/format-utc";
import { DecisionsSection } from "@/components/checklists/decisions-section";
import { LiveStatus } from "@/components/layout/live-status";
import { StatusControls } from "@/components/lifecycle/status-controls";
import { filterTimeline, timelineFacets } from "@/components/timeline/filter-timeline";
import { TimelineFilterBar } from "@/components/timeline/timeline-filter-bar";
import { useTimelineFilters } from "@/components/timeline/use-timeline-filters";

import { IncidentHeader } from "./incident-header";
import styles from "./incident-view.module.css";
import { PhaseStrip } from "./phase-strip";
import { TimelineTable, timelineEntryKey } from "./timeline-table";
import { useIncident, type IncidentDetail, type InitialData, type TimelineEntry } from "./use-incidents";

interface IncidentViewProps {
  id: string;
  initial: InitialData<IncidentDetail>;
}

export function IncidentView({ id, initial }: IncidentViewProps) {
  const query = useIncident(id, initial);
  const [selected, setSelected] = useState<RawEventRef | null>(null);
  const [filters, setFilters] = useTimelineFilters();
  const close = useCallback(() => setSelected(null), []);
  const incident = query.data ?? initial.data;
  const { timeline } = incident;

  const open = (entry: TimelineEntry) => setSelected({ source: entry.source, naturalId: entry.naturalId });
  const facets = useMemo(() => timelineFacets(timeline.entries), [timeline.entries]);
  const entries = useMemo(() => filterTimeline(timeline.entries, filters), [timeline.entries, filters]);

  return (
    <div className={selected ? `${styles.page} ${styles.withPanel}` : styles.page}>
      <IncidentHeader incident={incident} />
      <StatusControls incident={incident} />
      <section className={styles.section} aria-label="Phases">
        <div className={styles.sectionHeading}>
          <h2>Phases</h2>
          <LiveStatus query={query} />
        </div>
        <PhaseStrip phases={incident.phases} />
        <PhaseChart
          phases={incident.phases}
          thresholdCrossedAt={incident.thresholdCrossedAt}
          containedAt={incident.containedAt}
        />
      </section>
      <DecisionsSection incidentId={id} />
      <ContainmentPanel incidentId={id} />
      <section className={styles.section} aria-label="Timeline">
        <div className={styles.sectionHeading}>
          <h2>Timeline</h2>
          <span className={styles.window}>
            {formatUtc(timeline.windowStart)} – {formatUtc(timeline.windowEnd)} UTC
          </span>
        </div>
        <CoverageGapsBanner from={timeline.windowStart} to={timeline.windowEnd} accountId={incident.principal.accountId} />
        <TimelineFilterBar
          facets={facets}
          filters={filters}
          onChange={setFilters}
          shown={entries.length}
          total={timeline.entries.length}
        />
        {timeline.truncated ? (
          <p className={styles.truncated} role="status">
            The window holds {timeline.eventCount} events of these principals and access keys; the timeline shows
            the earliest ones up to its limit of {timeline.limit} entries, plus every signal.
          </p>
        ) : null}
        <TimelineTable
          entries={entries}
          actions={timeline.actions}
          selectedKey={selected ? timelineEntryKey(selected) : null}
          onSelect={open}
        />
      </section>
      {selected ? <RawEventPanel eventRef={selected} onClose={close} /> : null}
    </div>
  );
}
