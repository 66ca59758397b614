import type { ApiErrorBody } from "@/lib/api/api-error";
import type { IngestSummary } from "@/lib/ingest/ingest-summary";

/** A file picked for upload, with the name it is stored under (its path inside a picked folder). */
export interface UploadItem {
  id: number;
  file: File;
  name: string;
}

export type UploadPhase = "queued" | "uploading" | "processing" | "done" | "failed";

export interface UploadProgress {
  phase: UploadPhase;
  /** Bytes sent so far. */
  sent: number;
  /** The file's own summary once the server answered (200 or 422). */
  summary: IngestSummary | null;
  error: string | null;
}

/** Files uploaded at once; more would compete for the server's database connections. */
const PARALLEL_UPLOADS = 2;

export async function startUploadBatch(): Promise<string> {
  const response = await fetch("/api/ingest/uploads", { method: "POST" });
  const body = (await response.json()) as { batchId: string } | ApiErrorBody;
  if (!response.ok || !("batchId" in body)) {
    throw new Error("error" in body ? body.error.message : `Starting the upload failed with HTTP ${response.status}.`);
  }
  return body.batchId;
}

export async function finishUploadBatch(batchId: string): Promise<IngestSummary> {
  const response = await fetch(`/api/ingest/uploads/${batchId}/finish`, { method: "POST" });
  const body = (await response.json()) as IngestSummary | ApiErrorBody;
  if (!response.ok || "error" in body) {
    throw new Error("error" in body ? body.error.message : `Finishing the upload failed with HTTP ${response.status}.`);
  }
  return body;
}

/**
 * Sends one file with XMLHttpRequest, because fetch reports no upload
 * progress. 200 and 422 both carry the file's summary.
 */
export function uploadOneFile(options: {
  batchId: string;
  item: UploadItem;
  principal: string;
  onProgress: (progress: Partial<UploadProgress>) => void;
}): Promise<void> {
  const { batchId, item, onProgress } = options;
  const principal = options.principal.trim() === "" ? "" : `&principal=${encodeURIComponent(options.principal.trim())}`;
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/ingest/uploads/${batchId}/files?name=${encodeURIComponent(item.name)}${principal}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => onProgress({ phase: "uploading", sent: event.loaded });
    xhr.upload.onload = () => onProgress({ phase: "processing", sent: item.file.size });
    xhr.onload = () => {
      const body = xhr.response as IngestSummary | ApiErrorBody | null;
      if ((xhr.status === 200 || xhr.status === 422) && body && !("error" in body)) {
        onProgress({ phase: "done", summary: body });
      } else {
        const message = body && "error" in body ? body.error.message : `The server answered HTTP ${xhr.status}.`;
        onProgress({ phase: "failed", error: message });
      }
      resolve();
    };
    xhr.onerror = () => {
      onProgress({ phase: "failed", error: "The upload failed: the server could not be reached." });
      resolve();
    };
    onProgress({ phase: "uploading", sent: 0 });
    xhr.send(item.file);
  });
}

/** Uploads the items a few at a time; each reports its own progress and failure. */
export async function uploadAll(options: {
  batchId: string;
  items: UploadItem[];
  /** IAM principal ARN for Access Advisor reports that do not name one; empty for none. */
  principal: string;
  onProgress: (id: number, progress: Partial<UploadProgress>) => void;
}): Promise<void> {
  const queue = [...options.items];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const id = item.id;
      await uploadOneFile({
        batchId: options.batchId,
        item,
        principal: options.principal,
        onProgress: (progress) => options.onProgress(id, progress),
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, queue.length) }, worker));
}
