"use client";

import Link from "next/link";

import { StatusBadge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import type { InitialData } from "@/components/incidents/use-incidents";
import { LiveStatus } from "@/components/layout/live-status";
import { formatBytes } from "@/lib/ingest/format-bytes";
import { plural } from "@/lib/reports/markdown/markdown-text";

import styles from "./ingest.module.css";
import { InterruptedNote } from "./interrupted-note";
import { useIngestBatch, type IngestBatchDetail } from "./use-ingest";

type Rejection = IngestBatchDetail["rejections"][number];

/** One batch: its counts, its files and its rejected records with their raw bytes. */
export function BatchView({ id, initial }: { id: string; initial: InitialData<IngestBatchDetail> }) {
  const query = useIngestBatch(id, initial);
  const batch = query.data ?? initial.data;
  return (
    <div className={styles.page}>
      <p className={styles.back}>
        <Link href="/ingest">← Ingest</Link>
      </p>
      <div className={styles.heading}>
        <h1>
          Batch <span className={styles.mono}>{batch.id}</span>
        </h1>
        <StatusBadge status={batch.status} />
        <LiveStatus query={query} />
      </div>
      <p className={styles.meta}>
        {batch.origin} · started {formatUtc(batch.startedAt)} UTC
        {batch.finishedAt ? ` · finished ${formatUtc(batch.finishedAt)} UTC` : ""} · {plural(batch.files, "file")},{" "}
        {plural(batch.records, "record")}:{" "}
        {batch.inserted} inserted, {batch.updated > 0 ? `${batch.updated} updated, ` : ""}
        {plural(batch.duplicates, "duplicate")}, {batch.skipped} skipped, {batch.rejected} rejected
      </p>
      <InterruptedNote batch={batch} />
      <FileTable batch={batch} />
      <RejectionList batch={batch} />
    </div>
  );
}

function FileTable({ batch }: { batch: IngestBatchDetail }) {
  // Only GuardDuty findings are ever updated, so the column shows only when some were.
  const showUpdated = batch.ingestFiles.some((file) => file.updated > 0);
  return (
    <section className={styles.section} aria-label="Files">
      <div className={styles.heading}>
        <h2>Files</h2>
        <span className={styles.count}>{batch.fileCount}</span>
        {batch.fileCount > batch.ingestFiles.length ? <span className={styles.hint}>showing the first {batch.ingestFiles.length}</span> : null}
      </div>
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="Batch files">
          <thead>
            <tr>
              <th>File</th>
              <th>Kind</th>
              <th>Status</th>
              <th className={styles.numeric}>Size</th>
              <th className={styles.numeric}>Records</th>
              <th className={styles.numeric}>Inserted</th>
              {showUpdated ? <th className={styles.numeric}>Updated</th> : null}
              <th className={styles.numeric}>Duplicates</th>
              <th className={styles.numeric}>Rejected</th>
            </tr>
          </thead>
          <tbody>
            {batch.ingestFiles.map((file) => (
              <tr key={file.id}>
                <td>
                  <div className={styles.path}>{file.path}</div>
                  {file.s3Key && file.s3Key !== file.path ? <div className={styles.subtle}>S3 key {file.s3Key}</div> : null}
                  {file.reason ? <div className={styles.subtle}>{file.reason}</div> : null}
                </td>
                <td>{file.kind}</td>
                <td>
                  <StatusBadge status={file.status} />
                </td>
                <td className={styles.numeric}>{file.bytes === null ? "—" : formatBytes(file.bytes)}</td>
                <td className={styles.numeric}>{file.records}</td>
                <td className={styles.numeric}>{file.inserted}</td>
                {showUpdated ? <td className={styles.numeric}>{file.updated}</td> : null}
                <td className={styles.numeric}>{file.duplicates}</td>
                <td className={file.rejected > 0 ? `${styles.numeric} ${styles.warn}` : styles.numeric}>{file.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RejectionList({ batch }: { batch: IngestBatchDetail }) {
  return (
    <section className={styles.section} aria-label="Rejected records">
      <div className={styles.heading}>
        <h2>Rejected records</h2>
        <span className={styles.count}>{batch.rejectionCount}</span>
        {batch.rejectionCount > batch.rejections.length ? <span className={styles.hint}>showing the first {batch.rejections.length}</span> : null}
      </div>
      {batch.rejections.length === 0 ? (
        <p className={styles.empty}>No record was rejected.</p>
      ) : (
        <ol className={styles.rejections}>
          {batch.rejections.map((rejection) => (
            <RejectionItem key={rejection.id} rejection={rejection} />
          ))}
        </ol>
      )}
    </section>
  );
}

function RejectionItem({ rejection }: { rejection: Rejection }) {
  const { raw } = rejection;
  return (
    <li className={styles.rejection} data-rejection-id={rejection.id}>
      <dl className={styles.facts}>
        <dt>File</dt>
        <dd className={styles.path}>{rejection.path}</dd>
        <dt>Record</dt>
        <dd>{rejection.recordIndex === null ? "whole file" : rejection.recordIndex}</dd>
        <dt>Field</dt>
        <dd className={styles.mono}>{rejection.field ?? "—"}</dd>
        <dt>Reason</dt>
        <dd>{rejection.reason}</dd>
      </dl>
      {raw ? (
        <div className={styles.raw}>
          <div className={styles.rawToolbar}>
            <span>
              Raw bytes · {raw.byteLength} bytes{raw.shownBytes < raw.byteLength ? `, first ${raw.shownBytes} shown` : ""}
              {rejection.rawTruncated ? " · only the first 1 MiB was kept" : ""}
            </span>
            <a href={`/api/ingest/rejections/${rejection.id}`} download>
              Download raw bytes
            </a>
          </div>
          {raw.validUtf8 ? null : (
            <p className={styles.rawNote}>Not valid UTF-8: invalid bytes show as �; the download has the exact bytes.</p>
          )}
          <pre className={styles.rawText} aria-label={`Raw bytes of rejected record ${rejection.id}`}>
            {raw.text}
          </pre>
        </div>
      ) : null}
    </li>
  );
}
