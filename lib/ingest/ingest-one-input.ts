import { logger } from "@/lib/log";

import { describeOpenError } from "./describe-open-error";
import { createIngestFileRow, finishIngestFileRow } from "./ingest-file-row";
import { inputLabel, type IngestInput } from "./ingest-input";
import { collectRejections, ingestPreparedInput, type BatchContext } from "./ingest-prepared-input";
import { prepareIngestInput } from "./prepare-ingest-input";
import { storeFileRejection } from "./store-file-rejection";

/**
 * Ingests one input into a batch: records the file, opens and recognises it,
 * and hands it to its reader. Returns the file's `ingest_files` id, and
 * `complete: false` when it could not be read to its end. The reason is then
 * in the summary and in `rejected_records`.
 */
export async function ingestOneInput(
  input: IngestInput,
  batch: BatchContext,
): Promise<{ fileId: string; complete: boolean }> {
  const fileId = await createIngestFileRow({ input, batchId: batch.batchId });
  batch.summary.files += 1;
  let prepared;
  try {
    prepared = await prepareIngestInput({ input, maxDecompressedBytes: batch.maxDecompressedBytes });
  } catch (error) {
    const label = inputLabel(input);
    const reason = describeOpenError(error, label);
    logger.child({ batchId: batch.batchId, fileId, sourceFile: label }).info({ err: error }, "file could not be opened");
    await storeFileRejection({ batchId: batch.batchId, fileId, path: label, reason });
    await finishIngestFileRow({ fileId, status: "incomplete", reason, counts: null, prepared: null });
    await collectRejections(batch.summary, fileId, label);
    return { fileId, complete: false };
  }
  return { fileId, complete: await ingestPreparedInput({ prepared, fileId, batch }) };
}
