import type { Readable } from "node:stream";

import type { Logger } from "@/lib/log";

import type { FileCounts } from "./ingest-summary";

/** What a per-source file reader gets: the decompressed bytes and where they go. */
export interface FileIngestContext {
  batchId: string;
  fileId: string;
  /** The file's path or label, as shown in messages. */
  label: string;
  stream: Readable;
  /**
   * The file on disk when the input is an uncompressed local file, for readers
   * that need random access (Parquet); the stream is then left unread.
   */
  filePath?: string;
  /** IAM principal an Access Advisor report without an `Arn` field is about. */
  principalArn?: string;
  log: Logger;
}

export type FileIngester = (context: FileIngestContext) => Promise<FileCounts>;
