"use client";

import { useEffect } from "react";

import { formatUtc } from "@/components/format/format-utc";
import type { BaselineDimensionValues, BaselineValue, PrincipalBaseline } from "@/lib/entities/load-principal-baseline";

import { countryName } from "./country-name";
import { AddressLink } from "./entity-link";
import styles from "./entity-page.module.css";

// Long values (user agents, service:API pairs) get a table as wide as the page.
const WIDE_DIMENSIONS = new Set(["userAgent", "api"]);

/** A baseline value to mark, such as the new address a signal names. */
export interface BaselineHighlight {
  dimension: string;
  value: string;
}

interface BaselineTablesProps {
  baseline: PrincipalBaseline;
  highlight: BaselineHighlight | null;
}

/** Renders one table per baseline dimension: each value with first and last use and its event count. */
export function BaselineTables({ baseline, highlight }: BaselineTablesProps) {
  useEffect(() => {
    if (highlight !== null) {
      document.getElementById(`baseline-${highlight.dimension}`)?.scrollIntoView({ block: "center" });
    }
  }, [highlight]);
  return (
    <div className={styles.grid}>
      {baseline.dimensions.map((dimension) => (
        <DimensionTable
          key={dimension.dimension}
          dimension={dimension}
          highlight={highlight?.dimension === dimension.dimension ? highlight.value : null}
        />
      ))}
    </div>
  );
}

function DimensionTable({ dimension, highlight }: { dimension: BaselineDimensionValues; highlight: string | null }) {
  const missing = highlight !== null && !dimension.values.some((value) => value.value === highlight);
  return (
    <div
      className={WIDE_DIMENSIONS.has(dimension.dimension) ? `${styles.tableWrap} ${styles.fullRow}` : styles.tableWrap}
      id={`baseline-${dimension.dimension}`}
    >
      <table className={styles.table} aria-label={`Baseline ${dimension.label}`} data-dimension={dimension.dimension}>
        <caption>
          {dimension.label} <span className={styles.muted}>{dimension.values.length + dimension.omitted}</span>
        </caption>
        <thead>
          <tr>
            <th>Value</th>
            {dimension.dimension === "ip" ? <th>Country</th> : null}
            <th>First seen (UTC)</th>
            <th>Last seen (UTC)</th>
            <th className={styles.numeric}>Events</th>
          </tr>
        </thead>
        <tbody>
          {dimension.values.map((value) => (
            <ValueRow key={value.value} dimension={dimension.dimension} value={value} highlighted={value.value === highlight} />
          ))}
          {dimension.values.length === 0 ? (
            <tr>
              <td colSpan={5} className={styles.muted}>
                No values in this history.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {dimension.omitted > 0 ? <p className={styles.muted}>{dimension.omitted} less frequent values not shown.</p> : null}
      {missing ? (
        <p className={styles.muted}>
          {highlight} is not in this baseline: it was first used after this history ends.
        </p>
      ) : null}
    </div>
  );
}

function ValueRow(props: { dimension: string; value: BaselineValue; highlighted: boolean }) {
  const { dimension, value, highlighted } = props;
  return (
    <tr className={highlighted ? styles.highlighted : undefined} data-value={value.value} data-new={value.isNew ? "true" : undefined}>
      <td className={dimension === "userAgent" ? styles.value : `${styles.value} ${styles.nowrap}`}>
        {dimension === "ip" ? <AddressLink address={value.value} /> : dimension === "country" ? countryLabel(value.value) : value.value}
        {value.isNew ? (
          <span className={styles.newTag} title="First used within the novelty window before the end of this history">
            new
          </span>
        ) : null}
      </td>
      {dimension === "ip" ? <td>{value.country ? countryLabel(value.country) : <span className={styles.muted}>—</span>}</td> : null}
      <td className={styles.time}>{formatUtc(value.firstSeen)}</td>
      <td className={styles.time}>{formatUtc(value.lastSeen)}</td>
      <td className={styles.numeric}>{value.count}</td>
    </tr>
  );
}

function countryLabel(code: string): string {
  return `${code} · ${countryName(code)}`;
}
