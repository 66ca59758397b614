import { db } from "@/lib/db/client";

import { hashFile } from "./hash-file";
import { hintIsBucketKey, inputKeyHint, inputLabel, type IngestInput } from "./ingest-input";
import type { FileCounts } from "./ingest-summary";
import { parseS3Key } from "./parse-s3-key";
import type { PreparedInput } from "./prepare-ingest-input";
import { resolveS3Key } from "./resolve-s3-key";

/** Final state of an `ingest_files` row; `interrupted` is set in SQL by markInterruptedBatches. */
export type FileStatus = "complete" | "skipped" | "rejected" | "incomplete" | "interrupted";

/** Creates the `ingest_files` row of an input, filled from its name before any byte is read. */
export async function createIngestFileRow(options: { input: IngestInput; batchId: string }): Promise<string> {
  const { input } = options;
  const hint = inputKeyHint(input);
  const key = parseS3Key(hint);
  const row = await db().ingestFile.create({
    data: {
      batchId: options.batchId,
      path: inputLabel(input),
      bytes: input.type === "buffer" ? BigInt(input.body.length) : null,
      kind: key?.kind ?? "unknown",
      orgId: key?.orgId ?? null,
      accountId: key?.accountId ?? null,
      region: key?.region ?? null,
      slot: key?.slot ?? null,
      s3Key: resolveS3Key({ hint, isBucketKey: hintIsBucketKey(input) }),
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Records how a file ended, with its counts and both hashes: `sha256` of the
 * bytes as stored and `content_sha256` of the decompressed bytes (null when the
 * content could not be read to its end).
 */
export async function finishIngestFileRow(options: {
  fileId: string;
  status: FileStatus;
  reason: string | null;
  counts: FileCounts | null;
  prepared: PreparedInput | null;
}): Promise<void> {
  const { prepared, counts } = options;
  await db().ingestFile.update({
    where: { id: options.fileId },
    data: {
      status: options.status,
      skipReason: options.reason,
      finishedAt: new Date(),
      ...(prepared ? await hashesOf(prepared) : {}),
      ...(counts
        ? {
            records: counts.records,
            inserted: counts.inserted,
            duplicates: counts.duplicates,
            rejected: counts.rejected,
            updated: counts.updated ?? 0,
          }
        : {}),
    },
  });
}

async function hashesOf(prepared: PreparedInput): Promise<{ sha256: string | null; contentSha256: string | null; bytes: bigint | null }> {
  const { input, raw, content } = prepared;
  let sha256 = raw.digest();
  if (sha256 === null && input.type === "path") {
    // The decompressed size limit stopped reading before the end of the file.
    sha256 = await hashFile(input.path).catch(() => null);
  }
  const size = prepared.size ?? (raw.complete ? raw.bytes : null);
  return { sha256, contentSha256: content.digest(), bytes: size === null ? null : BigInt(size) };
}
