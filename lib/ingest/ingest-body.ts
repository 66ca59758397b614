import type { Actor } from "@/lib/auth/actor";

import { describeOpenError } from "./describe-open-error";
import { finishIngestBatch, startIngestBatch, type IngestOrigin } from "./ingest-batch";
import { createIngestFileRow } from "./ingest-file-row";
import { inputLabel, type IngestInput } from "./ingest-input";
import { maxDecompressedBytes } from "./ingest-limits";
import { ingestPreparedInput } from "./ingest-prepared-input";
import type { IngestSummary } from "./ingest-summary";
import { BodyTooLargeError } from "./limit-body-bytes";
import { InputError } from "./open-input";
import { prepareIngestInput } from "./prepare-ingest-input";

export type BodyIngestResult =
  /** Stored in a batch of its own; `bodyTooLarge` says why reading stopped when the body was cut off at the size limit. */
  | { type: "ingested"; summary: IngestSummary; bodyTooLarge: string | null }
  /** Not a format Watchfloor reads; `reason` lists the expected formats. Nothing was stored. */
  | { type: "unrecognised"; reason: string }
  /** The first bytes could not be read (corrupt gzip, a size limit). Nothing was stored. */
  | { type: "unreadable"; reason: string; tooLarge: boolean };

/**
 * Ingests one request body (a log file in any supported format, or EventBridge
 * events) in a batch of its own, then runs detection and correlation. The
 * body is recognised before the batch is created, so a body in an unknown
 * format leaves nothing behind.
 */
export async function ingestBody(options: {
  input: IngestInput;
  origin: IngestOrigin;
  principalArn?: string;
  /** Sender of the body; closing the batch appends an audit entry naming it. */
  actor?: Actor;
}): Promise<BodyIngestResult> {
  const { input } = options;
  const limit = maxDecompressedBytes();
  let prepared;
  try {
    prepared = await prepareIngestInput({ input, maxDecompressedBytes: limit });
  } catch (error) {
    const tooLarge = error instanceof InputError && error.code === "too-large";
    return { type: "unreadable", reason: describeOpenError(error, inputLabel(input)), tooLarge };
  }
  if (prepared.detected.kind === "unknown") {
    await prepared.content.close();
    await prepared.raw.close();
    return { type: "unrecognised", reason: `${prepared.label}: ${prepared.detected.reason}` };
  }
  const summary = await startIngestBatch(options.origin);
  const fileId = await createIngestFileRow({ input, batchId: summary.batchId });
  summary.files += 1;
  const batch = { batchId: summary.batchId, summary, principalArn: options.principalArn, maxDecompressedBytes: limit };
  const complete = await ingestPreparedInput({ prepared, fileId, batch });
  await finishIngestBatch({ summary, incomplete: !complete, actor: options.actor });
  const cutOff = prepared.raw.error instanceof BodyTooLargeError ? prepared.raw.error.message : null;
  return { type: "ingested", summary, bodyTooLarge: cutOff };
}
