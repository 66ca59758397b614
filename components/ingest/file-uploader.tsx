"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type ChangeEvent, type DragEvent } from "react";

import type { IngestSummary } from "@/lib/ingest/ingest-summary";
import { escapeUnsafeNameCharacters } from "@/lib/ingest/name-characters";

import { collectDroppedFiles, pickedFiles, type PickedFile } from "./collect-dropped-files";
import styles from "./ingest.module.css";
import { IngestSummaryView } from "./ingest-summary-view";
import {
  finishUploadBatch,
  startUploadBatch,
  uploadAll,
  type UploadItem,
  type UploadProgress,
} from "./upload-files";

type Stage = "idle" | "uploading" | "finishing" | "done" | "failed";

const QUEUED: UploadProgress = { phase: "queued", sent: 0, summary: null, error: null };

/**
 * Uploads many files or whole folders (picked or dropped) into one batch, one
 * request per file with its own progress bar, then shows the batch summary.
 */
export function FileUploader() {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [progress, setProgress] = useState<Record<number, UploadProgress>>({});
  const [stage, setStage] = useState<Stage>("idle");
  const [summary, setSummary] = useState<IngestSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [principal, setPrincipal] = useState("");
  const nextId = useRef(0);
  const busy = stage === "uploading" || stage === "finishing";

  const upload = async (picked: PickedFile[]) => {
    if (picked.length === 0 || busy) {
      return;
    }
    // The server rejects names with control characters, which are legal on disk
    // (a tab), so such a file is sent under its escaped name.
    const batchItems = picked.map((entry) => ({ id: nextId.current++, file: entry.file, name: escapeUnsafeNameCharacters(entry.name) }));
    setItems(batchItems);
    setProgress(Object.fromEntries(batchItems.map((item) => [item.id, QUEUED])));
    setSummary(null);
    setError(null);
    setStage("uploading");
    try {
      const batchId = await startUploadBatch();
      await uploadAll({
        batchId,
        items: batchItems,
        principal,
        onProgress: (id, update) => setProgress((all) => ({ ...all, [id]: { ...(all[id] ?? QUEUED), ...update } })),
      });
      setStage("finishing");
      setSummary(await finishUploadBatch(batchId));
      setStage("done");
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setStage("failed");
    } finally {
      await queryClient.invalidateQueries({ queryKey: ["ingest-batches"] });
    }
  };

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    await upload(await collectDroppedFiles(event.dataTransfer));
  };

  const onPick = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = event.target.files ? pickedFiles(event.target.files) : [];
    // Clearing the input lets the same files be picked again.
    event.target.value = "";
    void upload(picked);
  };

  return (
    <section className={styles.uploader} aria-label="Upload">
      <div
        className={dragging ? `${styles.dropZone} ${styles.dragging}` : styles.dropZone}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p>Drop log files or folders here, or</p>
        <div className={styles.pickers}>
          <label className={styles.picker}>
            Choose files
            <input type="file" multiple disabled={busy} onChange={onPick} />
          </label>
          <label className={styles.picker}>
            Choose a folder
            <input
              type="file"
              multiple
              disabled={busy}
              {...{ webkitdirectory: "" }}
              onChange={onPick}
            />
          </label>
        </div>
        <p className={styles.hint}>
          CloudTrail, GuardDuty, VPC Flow Logs (text or Parquet) and Access Advisor files, gzip or not. Folders keep their
          paths, so files under <code>AWSLogs/</code> are matched with their CloudTrail digests.
        </p>
        <label className={styles.principalField}>
          Principal of Access Advisor reports without an <code>Arn</code> field
          <input
            type="text"
            value={principal}
            disabled={busy}
            placeholder="arn:aws:iam::111122223333:user/name"
            spellCheck={false}
            onChange={(event) => setPrincipal(event.target.value)}
          />
        </label>
      </div>
      {items.length > 0 ? <UploadList items={items} progress={progress} stage={stage} /> : null}
      {error ? (
        <p className={styles.error} role="alert">
          {error}
        </p>
      ) : null}
      {summary ? <IngestSummaryView summary={summary} /> : null}
    </section>
  );
}

/** Returns the line shown once every file was sent: how many arrived, and how many failed. */
function uploadedText(items: UploadItem[], progress: Record<number, UploadProgress>): string {
  const failed = items.filter((item) => progress[item.id]?.phase === "failed").length;
  const files = (count: number) => `${count} ${count === 1 ? "file" : "files"}`;
  if (failed === 0) {
    return `Uploaded ${files(items.length)}.`;
  }
  return `Uploaded ${items.length - failed} of ${files(items.length)}; ${failed} failed (see below).`;
}

function UploadList(props: { items: UploadItem[]; progress: Record<number, UploadProgress>; stage: Stage }) {
  const done = props.items.filter((item) => ["done", "failed"].includes(props.progress[item.id]?.phase ?? "")).length;
  return (
    <div className={styles.uploads}>
      <p className={styles.uploadStatus} role="status">
        {props.stage === "finishing"
          ? "Running detection and correlation…"
          : props.stage === "done"
            ? uploadedText(props.items, props.progress)
            : `${done} of ${props.items.length} files processed.`}
      </p>
      <ul className={styles.uploadList} aria-label="Files">
        {props.items.map((item) => (
          <UploadRow key={item.id} item={item} progress={props.progress[item.id] ?? QUEUED} />
        ))}
      </ul>
    </div>
  );
}

const PHASE_TEXT: Record<UploadProgress["phase"], string> = {
  queued: "queued",
  uploading: "uploading",
  processing: "reading",
  done: "done",
  failed: "failed",
};

function UploadRow({ item, progress }: { item: UploadItem; progress: UploadProgress }) {
  const size = item.file.size;
  const percent = size === 0 ? (progress.phase === "queued" ? 0 : 100) : Math.round((100 * progress.sent) / size);
  const rejected = progress.summary?.rejected.length ?? 0;
  const updated = progress.summary?.updated ?? 0;
  // A file read to the end with every record rejected is not "done" for the analyst.
  const nothingStored =
    progress.phase === "done" && rejected > 0 && (progress.summary?.inserted ?? 0) + updated + (progress.summary?.duplicates ?? 0) === 0;
  const outcome = progress.summary
    ? `${progress.summary.inserted} stored, ${updated > 0 ? `${updated} updated, ` : ""}${progress.summary.duplicates} duplicates` +
      (progress.summary.skipped.length > 0 ? `, skipped` : "") +
      (rejected > 0 ? `, ${rejected} rejected` : "")
    : progress.error;
  return (
    <li className={styles.uploadRow} data-phase={progress.phase} data-rejected={rejected > 0 ? "true" : undefined}>
      <span className={styles.uploadName} title={item.name}>
        {item.name}
      </span>
      <progress className={styles.bar} max={100} value={percent} aria-label={`Upload of ${item.name}`} />
      <span className={nothingStored ? `${styles.phase} ${styles.warn}` : styles.phase}>{nothingStored ? "rejected" : PHASE_TEXT[progress.phase]}</span>
      <span className={progress.error || rejected > 0 ? `${styles.outcome} ${styles.warn}` : styles.outcome}>{outcome}</span>
    </li>
  );
}
