/**
 * Messages between the ingest and the worker threads that read CloudTrail
 * files (see cloudtrail-worker-pool.ts). Errors cross the thread boundary as
 * plain objects and are rebuilt on the other side, keeping what callers test
 * for: an InputError's code and counts, a message and a name otherwise.
 */
import type { AsnTable } from "@/lib/detect/asn-table";

import type { FileCounts } from "./ingest-summary";
import { InputError, type InputErrorCode } from "./open-input";

/** The file a worker reads, apart from its bytes. */
export interface CloudTrailWorkerJob {
  batchId: string;
  fileId: string;
  label: string;
}

/** The data a worker starts with: the IP-to-ASN table, with its ranges in shared memory. */
export interface CloudTrailWorkerData {
  asnTable: AsnTable;
}

export interface SerializedError {
  name: string;
  message: string;
  input?: { code: InputErrorCode; label: string; bytesRead: number; dataComplete: boolean };
}

export type ToWorker =
  | { type: "file"; job: CloudTrailWorkerJob }
  | { type: "data"; chunk: Uint8Array }
  | { type: "end" }
  | { type: "error"; error: SerializedError }
  | { type: "close" };

export type FromWorker =
  | { type: "ack" }
  | { type: "done"; counts: FileCounts }
  | { type: "failed"; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof InputError) {
    return {
      name: error.name,
      message: error.message,
      input: { code: error.code, label: error.label, bytesRead: error.bytesRead, dataComplete: error.dataComplete },
    };
  }
  if (error instanceof Error) {
    return { name: error.name, message: error.message };
  }
  return { name: "Error", message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.input !== undefined) {
    return new InputError({ ...error.input, message: error.message });
  }
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
