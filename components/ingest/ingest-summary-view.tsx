import Link from "next/link";

import { summaryLine, type IngestSummary } from "@/lib/ingest/ingest-summary";

import styles from "./ingest.module.css";

const SOURCE_LABELS: Record<string, string> = {
  cloudtrail: "CloudTrail",
  guardduty: "GuardDuty",
  vpcflow: "VPC Flow Logs",
  accessAdvisor: "Access Advisor",
};

/**
 * Returns the files and rejections that belong to no source: files of an
 * unknown format, and paths that could not be opened.
 */
function outsideSources(summary: IngestSummary): { files: number; rejected: number } {
  const counts = Object.values(summary.bySource);
  const files = summary.files - counts.reduce((total, source) => total + source.files, 0);
  const rejected = summary.rejected.length - counts.reduce((total, source) => total + source.rejected, 0);
  return { files: Math.max(0, files), rejected: Math.max(0, rejected) };
}

/** The summary `watchfloor ingest` prints, as a panel. */
export function IngestSummaryView({ summary }: { summary: IngestSummary }) {
  // A source may have records without files of its own: GuardDuty events in a batch of CloudTrail EventBridge events.
  const sources = Object.entries(summary.bySource).filter(
    ([, counts]) => counts.files > 0 || counts.skipped > 0 || counts.records > 0 || counts.rejected > 0,
  );
  const other = outsideSources(summary);
  // Only GuardDuty findings are ever updated, so the column shows only when some were.
  const showUpdated = summary.updated > 0;
  return (
    <section className={styles.summary} aria-label="Ingest summary">
      <p className={styles.summaryLine}>
        {summaryLine(summary)}
      </p>
      <p className={styles.summaryLine}>
        {summary.signals} new signals; incidents: {summary.incidentsCreated} new, {summary.incidentsUpdated} updated.{" "}
        <Link href={`/ingest/batches/${summary.batchId}`}>Open the batch</Link>
      </p>
      {sources.length > 0 || other.files > 0 || other.rejected > 0 ? (
        <table className={styles.table} aria-label="By source">
          <thead>
            <tr>
              <th>Source</th>
              <th className={styles.numeric}>Files</th>
              <th className={styles.numeric}>Records</th>
              <th className={styles.numeric}>Stored</th>
              {showUpdated ? <th className={styles.numeric}>Updated</th> : null}
              <th className={styles.numeric}>Duplicates</th>
              <th className={styles.numeric}>Skipped</th>
              <th className={styles.numeric}>Rejected</th>
            </tr>
          </thead>
          <tbody>
            {sources.map(([source, counts]) => (
              <tr key={source}>
                <td>{SOURCE_LABELS[source] ?? source}</td>
                <td className={styles.numeric}>{counts.files}</td>
                <td className={styles.numeric}>{counts.records}</td>
                <td className={styles.numeric}>{counts.inserted}</td>
                {showUpdated ? <td className={styles.numeric}>{counts.updated ?? 0}</td> : null}
                <td className={styles.numeric}>{counts.duplicates}</td>
                <td className={styles.numeric}>{counts.skipped}</td>
                <td className={styles.numeric}>{counts.rejected}</td>
              </tr>
            ))}
            {other.files > 0 || other.rejected > 0 ? (
              <tr>
                <td>Not recognised or unreadable</td>
                <td className={styles.numeric}>{other.files}</td>
                <td className={styles.numeric}>0</td>
                <td className={styles.numeric}>0</td>
                {showUpdated ? <td className={styles.numeric}>0</td> : null}
                <td className={styles.numeric}>0</td>
                <td className={styles.numeric}>0</td>
                <td className={styles.numeric}>{other.rejected}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
      ) : null}
      {summary.skipped.length > 0 || summary.rejected.length > 0 ? (
        <ul className={styles.outcomes}>
          {summary.skipped.map((entry, i) => (
            <li key={`s${i}`}>
              <span className={styles.skippedMark}>skipped</span> <span className={styles.path}>{entry.file}</span>: {entry.reason}
            </li>
          ))}
          {summary.rejected.map((entry, i) => (
            <li key={`r${i}`}>
              <span className={styles.rejectedMark}>rejected</span>{" "}
              <span className={styles.path}>
                {entry.file}
                {entry.record === null ? "" : ` record ${entry.record}`}
              </span>
              {entry.field ? ` (${entry.field})` : ""}: {entry.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
