import { db } from "@/lib/db/client";

/** Records that a whole file (or a path given on the command line) was rejected. */
export async function storeFileRejection(options: {
  batchId: string;
  fileId: string | null;
  path: string;
  reason: string;
  /** The field that made the file unreadable, when one did (a digest's `logFiles[3].hashValue`). */
  field?: string | null;
  /** The file's first bytes, decompressed, kept for inspection. */
  raw?: Buffer | null;
  /** True when `raw` is only the start of the file. */
  rawTruncated?: boolean;
}): Promise<void> {
  await db().rejectedRecord.create({
    data: {
      batchId: options.batchId,
      fileId: options.fileId,
      path: options.path,
      field: options.field ?? null,
      reason: options.reason,
      raw: options.raw ? new Uint8Array(options.raw) : null,
      rawTruncated: options.rawTruncated ?? false,
    },
  });
}
