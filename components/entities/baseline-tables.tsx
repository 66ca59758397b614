"use client";

import { useEffect } from "react";

import { formatUtc } from "@/components/format/format-utc";
import { addressOwnerLabel } from "@/lib/detect/format-asn";
import type { BaselineDimensionValues, BaselineValue, PrincipalBaseline } from "@/lib/entities/load-principal-baseline";

import { AsnAttribution } from "./asn-attribution";
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
    <>
      <div className={styles.grid}>
        {baseline.dimensions.map((dimension) => (
          <DimensionTable
            key={dimension.dimension}
            dimension={dimension}
            highlight={highlight?.dimension === dimension.dimension ? highlight.value : null}
          />
        ))}
      </div>
      <AsnAttribution />
    </>
  );
}

function DimensionTable({ dimension, highlight }: { dimension: BaselineDimensionValues; highlight: string | null }) {
  const missing = highlight !== null && !dimension.values.some((value) => value.value === highlight);
  const isAddress = dimension.dimension === "ip";
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
            {isAddress ? <th>Country</th> : null}
            {isAddress ? <th>Network owner</th> : null}
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
              <td colSpan={isAddress ? 6 : 4} className={styles.muted}>
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
        <ValueLabel dimension={dimension} value={value} />
        {value.isNew ? (
          <span className={styles.newTag} title="First used within the novelty window before the end of this history">
            new
          </span>
        ) : null}
      </td>
      {dimension === "ip" ? <td>{value.country ? countryLabel(value.country) : <span className={styles.muted}>—</span>}</td> : null}
      {dimension === "ip" ? (
        <td data-aws-owned={value.asn?.awsOwned ? "true" : undefined}>
          {value.asn ? addressOwnerLabel(value.asn) : <span className={styles.muted}>—</span>}
        </td>
      ) : null}
      <td className={styles.time}>{formatUtc(value.firstSeen)}</td>
      <td className={styles.time}>{formatUtc(value.lastSeen)}</td>
      <td className={styles.numeric}>{value.count}</td>
    </tr>
  );
}

function ValueLabel({ dimension, value }: { dimension: string; value: BaselineValue }) {
  if (dimension === "ip") {
    return <AddressLink address={value.value} />;
  }
  if (dimension === "country") {
    return countryLabel(value.value);
  }
  if (dimension === "asn" && value.asn !== null) {
    return (
      <span data-aws-owned={value.asn.awsOwned ? "true" : undefined}>
        {value.value} {value.asn.organization}
        {value.asn.awsOwned ? <span className={styles.muted}> · AWS-owned</span> : null}
      </span>
    );
  }
  return value.value;
}

function countryLabel(code: string): string {
  return `${code} · ${countryName(code)}`;
}
