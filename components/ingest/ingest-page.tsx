"use client";

import Link from "next/link";

import type { InitialData } from "@/components/incidents/use-incidents";

import { BatchList } from "./batch-list";
import { FileUploader } from "./file-uploader";
import styles from "./ingest.module.css";
import type { IngestBatchList } from "./use-ingest";

export function IngestPage({ initial, canUpload, role }: { initial: InitialData<IngestBatchList>; canUpload: boolean; role: string }) {
  return (
    <div className={styles.page}>
      <div className={styles.heading}>
        <h1>Ingest</h1>
        <span className={styles.hint}>
          {canUpload ? "Upload log files here, run " : "Log files arrive by upload on this page, by "}
          <code>npx watchfloor ingest PATH</code>
          {canUpload ? ", or send them to " : " or by "}
          <code>POST /api/ingest</code>. <Link href="/coverage">Coverage</Link> shows which hours have data.
        </span>
      </div>
      {canUpload ? (
        <FileUploader />
      ) : (
        <p className={styles.hint} data-testid="upload-not-allowed">
          The {role} role reads ingest batches but does not upload files.
        </p>
      )}
      <BatchList initial={initial} />
    </div>
  );
}
