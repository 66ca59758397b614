import type { Readable } from "node:stream";

/**
 * One input of an ingest: a file on disk, a body held in memory (a browser
 * upload), or a stream of bytes (an HTTP request body). Compressed or not.
 */
export type IngestInput =
  | { type: "path"; path: string }
  | { type: "buffer"; body: Buffer; label: string; sourceKey?: string }
  | { type: "stream"; stream: Readable | AsyncIterable<Uint8Array>; label: string; sourceKey?: string };

/** The name an input is shown and stored under (`ingest_files.path`). */
export function inputLabel(input: IngestInput): string {
  return input.type === "path" ? input.path : input.label;
}

/**
 * The name read for the AWS layout: the S3 key the sender gave
 * (`X-Watchfloor-Source-Key`), else the path or label.
 */
export function inputKeyHint(input: IngestInput): string {
  return input.type === "path" ? input.path : (input.sourceKey ?? input.label);
}

/**
 * True when the key hint is a key inside a bucket (given by the sender or as
 * an `s3://` URL), so that everything before `AWSLogs/` is the bucket prefix.
 * A local path or an uploaded file's relative path is not.
 */
export function hintIsBucketKey(input: IngestInput): boolean {
  const hint = inputKeyHint(input);
  return hint.startsWith("s3://") || (input.type !== "path" && input.sourceKey !== undefined);
}
