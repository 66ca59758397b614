"use client";

import { useRouter } from "next/navigation";
import { useState, type CSSProperties, type FormEvent } from "react";

import { formatUtc } from "@/components/format/format-utc";
import type { CoverageRow } from "@/lib/ingest/coverage/coverage-grid";
import type { CoverageGrid } from "@/lib/ingest/coverage/build-coverage-grid";
import { plural } from "@/lib/reports/markdown/markdown-text";

import styles from "./coverage.module.css";
import { countStates, dataIntensity, describeCell, groupByDay, sourceLabel, STATE_STYLES } from "./coverage-layout";

const HOURS = Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, "0"));
const LEGEND_ORDER = ["data", "quiet", "nodata", "no-data", "missing", "altered", "rejected", "skipdata"] as const;

/** Where data exists, per account, region, source and hour, and where it is missing or was rejected. */
export function CoverageView({ grid }: { grid: CoverageGrid }) {
  return (
    <div className={styles.page}>
      <div className={styles.heading}>
        <h1>Coverage</h1>
        <span className={styles.range}>
          {formatUtc(grid.from)} – {formatUtc(grid.to)} UTC
        </span>
        <RangeForm from={grid.from} to={grid.to} />
      </div>
      <Legend />
      {grid.rows.length === 0 ? (
        <p className={styles.empty}>No CloudTrail or VPC flow log data in this range.</p>
      ) : (
        grid.rows.map((row) => <StreamGrid key={`${row.source}|${row.accountId}|${row.region}`} row={row} />)
      )}
      <DigestTables grid={grid} />
    </div>
  );
}

function RangeForm({ from, to }: { from: string; to: string }) {
  const router = useRouter();
  const [fromDay, setFromDay] = useState(from.slice(0, 10));
  const [toDay, setToDay] = useState(new Date(Date.parse(to) - 1).toISOString().slice(0, 10));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const end = new Date(Date.parse(`${toDay}T00:00:00Z`) + 86_400_000).toISOString();
    router.push(`/coverage?from=${fromDay}T00:00:00Z&to=${end.replace(".000Z", "Z")}`);
  };
  return (
    <form className={styles.rangeForm} onSubmit={submit}>
      <label>
        From <input type="date" value={fromDay} onChange={(event) => setFromDay(event.target.value)} required />
      </label>
      <label>
        to <input type="date" value={toDay} onChange={(event) => setToDay(event.target.value)} required />
      </label>
      <button type="submit">Show</button>
    </form>
  );
}

function Legend() {
  return (
    <ul className={styles.legend} aria-label="Legend">
      {LEGEND_ORDER.map((state) => (
        <li key={state}>
          <span className={styles.swatch} data-state={state} style={{ background: STATE_STYLES[state].color }} />
          {STATE_STYLES[state].label}
        </li>
      ))}
    </ul>
  );
}

function StreamGrid({ row }: { row: CoverageRow }) {
  const max = Math.max(0, ...row.cells.map((cell) => cell.records));
  const counts = countStates(row);
  const title = `${row.accountId ?? "unknown account"} · ${row.region ?? "unknown region"} · ${sourceLabel(row.source)}`;
  const problems = (["missing", "altered", "rejected", "skipdata", "no-data"] as const).filter((state) => counts[state]);
  return (
    <section className={styles.stream} aria-label={title}>
      <h2>
        {title}
        <span className={styles.streamCounts}>
          {counts.data ?? 0} hours with records
          {problems.map((state) => ` · ${counts[state]} ${STATE_STYLES[state].label}`).join("")}
        </span>
      </h2>
      <table className={styles.grid} aria-label={`Coverage ${title}`}>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            {HOURS.map((hour) => (
              <th key={hour} scope="col">
                {hour}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groupByDay(row).map((day) => (
            <tr key={day.day}>
              <th scope="row">{day.day}</th>
              {day.hours.map((cell, hour) => {
                if (!cell) {
                  return <td key={hour} className={styles.outside} />;
                }
                const style = { "--cell-color": STATE_STYLES[cell.state].color } as CSSProperties;
                if (cell.state === "data" || cell.state === "nodata") {
                  style.opacity = dataIntensity(cell.records, max);
                }
                return (
                  <td key={hour} data-hour={cell.hour} data-state={cell.state} title={describeCell(cell)}>
                    <span className={styles.cell} style={style} />
                    <span className="visually-hidden">{describeCell(cell)}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DigestTables({ grid }: { grid: CoverageGrid }) {
  const { mismatches } = grid;
  return (
    <section className={styles.digests} aria-label="CloudTrail digests">
      <h2>CloudTrail digests</h2>
      <p className={styles.note}>
        {plural(mismatches.digests, "digest file lists", "digest files list")} {plural(mismatches.logFiles, "log file")}. In
        this range {plural(mismatches.missing.length, "listed file was", "listed files were")} not ingested and{" "}
        {plural(mismatches.altered.length, "was", "were")} altered after delivery.
        {grid.rejectedWithoutHour > 0
          ? ` ${plural(grid.rejectedWithoutHour, "rejected record comes", "rejected records come")} from files without a delivery time in their name, so no hour shows them.`
          : ""}
      </p>
      {mismatches.missing.length > 0 ? (
        <table className={styles.list} aria-label="Missing log files">
          <thead>
            <tr>
              <th>Hours (UTC)</th>
              <th>Account</th>
              <th>Region</th>
              <th>Log file</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {mismatches.missing.map((gap) => (
              <tr key={`${gap.digestKey}|${gap.s3Key}`}>
                <td className={styles.mono}>
                  {formatUtc(gap.fromHour).slice(0, 16)}
                  {gap.toHour === gap.fromHour ? "" : ` – ${formatUtc(gap.toHour).slice(0, 16)}`}
                </td>
                <td className={styles.mono}>{gap.accountId}</td>
                <td>{gap.region}</td>
                <td className={styles.key}>{gap.s3Key}</td>
                <td>{gap.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {mismatches.altered.length > 0 ? (
        <table className={styles.list} aria-label="Altered log files">
          <thead>
            <tr>
              <th>Hour (UTC)</th>
              <th>Log file</th>
              <th>SHA-256 in the digest</th>
              <th>SHA-256 ingested</th>
            </tr>
          </thead>
          <tbody>
            {mismatches.altered.map((file) => (
              <tr key={`${file.digestKey}|${file.s3Key}`}>
                <td className={styles.mono}>{formatUtc(file.fromHour).slice(0, 16)}</td>
                <td className={styles.key}>{file.path}</td>
                <td className={styles.key}>{file.expectedSha256}</td>
                <td className={styles.key}>{file.ingestedSha256}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
