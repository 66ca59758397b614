"use client";

import { useId, useState, type ReactNode } from "react";

import type { ChartRow, ChartSeries } from "./chart-data";
import { ChartLegend } from "./chart-legend";
import styles from "./chart-frame.module.css";

interface ChartFrameProps {
  title: string;
  /** One sentence under the title: what is counted and over which range. */
  description?: string;
  series: ChartSeries[];
  /** Series drawn in the chart, when fewer than the table's columns; all of `series` by default. */
  legend?: ChartSeries[];
  rows: ChartRow[];
  /** Header of the first table column, for example "Hour (UTC)". */
  xLabel: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty: string | null;
  /** Formats a cell of the fallback table; numbers as they are by default. */
  formatValue?: (value: number) => string;
  children: ReactNode;
}

/**
 * Frames a chart with its title, legend, empty state and the same data as a
 * table. The table is always in the page for screen readers, and the
 * "Show data" button makes it visible.
 */
export function ChartFrame(props: ChartFrameProps) {
  const [showData, setShowData] = useState(false);
  const tableId = useId();
  const format = props.formatValue ?? ((value: number) => value.toLocaleString("en-US"));
  return (
    <figure className={styles.frame} aria-label={props.title}>
      <figcaption className={styles.header}>
        <div>
          <h2 className={styles.title}>{props.title}</h2>
          {props.description ? <p className={styles.description}>{props.description}</p> : null}
        </div>
        {props.empty === null ? (
          <button
            type="button"
            className={styles.toggle}
            aria-expanded={showData}
            aria-controls={tableId}
            onClick={() => setShowData((value) => !value)}
          >
            {showData ? "Hide data" : "Show data"}
          </button>
        ) : null}
      </figcaption>
      {props.empty !== null ? (
        <p className={styles.empty} role="status">
          {props.empty}
        </p>
      ) : (
        <>
          <ChartLegend series={props.legend ?? props.series} />
          <div className={styles.plot} aria-hidden="true">
            {props.children}
          </div>
          <div id={tableId} className={showData ? styles.tableWrap : "visually-hidden"}>
            <table className={styles.table}>
              <caption className="visually-hidden">{props.title}</caption>
              <thead>
                <tr>
                  <th scope="col">{props.xLabel}</th>
                  {props.series.map((series) => (
                    <th key={series.key} scope="col" className={styles.numeric}>
                      {series.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row) => (
                  <tr key={String(row.x)}>
                    <th scope="row">{row.label}</th>
                    {props.series.map((series) => {
                      const value = row[series.key];
                      return (
                        <td key={series.key} className={styles.numeric}>
                          {typeof value === "number" ? format(value) : "—"}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
