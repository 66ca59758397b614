"use client";

import { phaseColor, phaseLabel } from "@/components/theme/palette";

import {
  type Facet,
  hasTimelineFilters,
  NO_FILTERS,
  NO_PHASE,
  type TimelineFacets,
  type TimelineFilters,
  toggleValue,
} from "./filter-timeline";
import styles from "./timeline-filter-bar.module.css";

interface TimelineFilterBarProps {
  facets: TimelineFacets;
  filters: TimelineFilters;
  onChange: (filters: TimelineFilters) => void;
  shown: number;
  total: number;
}

/** Toggle chips that filter the timeline by source, phase and principal. */
export function TimelineFilterBar({ facets, filters, onChange, shown, total }: TimelineFilterBarProps) {
  const toggle = (field: "sources" | "phases" | "principals", value: string) =>
    onChange({ ...filters, [field]: toggleValue(filters[field], value) });
  return (
    <div className={styles.bar} role="group" aria-label="Timeline filters">
      <FacetGroup label="Source" facets={facets.sources} selected={filters.sources} onToggle={(v) => toggle("sources", v)} />
      <FacetGroup
        label="Phase"
        facets={facets.phases}
        selected={filters.phases}
        onToggle={(v) => toggle("phases", v)}
        color={(value) => (value === NO_PHASE ? undefined : phaseColor(value))}
        format={(facet) => (facet.value === NO_PHASE ? "no signal" : phaseLabel(facet.value))}
      />
      <FacetGroup
        label="Principal"
        facets={facets.principals}
        selected={filters.principals}
        onToggle={(v) => toggle("principals", v)}
        title={(facet) => facet.value}
      />
      <label className={styles.checkbox}>
        <input
          type="checkbox"
          checked={filters.signalsOnly}
          onChange={(event) => onChange({ ...filters, signalsOnly: event.target.checked })}
        />
        Signals only
      </label>
      <span className={styles.summary} role="status">
        {shown === total ? `${total} entries` : `${shown} of ${total} entries`}
        {hasTimelineFilters(filters) ? (
          <button type="button" className={styles.clear} onClick={() => onChange(NO_FILTERS)}>
            Clear filters
          </button>
        ) : null}
      </span>
    </div>
  );
}

interface FacetGroupProps {
  label: string;
  facets: Facet[];
  selected: string[];
  onToggle: (value: string) => void;
  color?: (value: string) => string | undefined;
  format?: (facet: Facet) => string;
  title?: (facet: Facet) => string;
}

function FacetGroup({ label, facets, selected, onToggle, color, format, title }: FacetGroupProps) {
  if (facets.length === 0) {
    return null;
  }
  return (
    <div className={styles.group} role="group" aria-label={`${label} filter`}>
      <span className={styles.label}>{label}</span>
      {facets.map((facet) => {
        const pressed = selected.includes(facet.value);
        const swatch = color?.(facet.value);
        return (
          <button
            key={facet.value}
            type="button"
            className={styles.chip}
            aria-pressed={pressed}
            title={title?.(facet)}
            onClick={() => onToggle(facet.value)}
            data-value={facet.value}
          >
            {swatch ? <span className={styles.swatch} style={{ background: swatch }} aria-hidden="true" /> : null}
            {format ? format(facet) : facet.label}
            <span className={styles.count}>{facet.count}</span>
          </button>
        );
      })}
    </div>
  );
}
