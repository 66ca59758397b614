import type { FileCounts } from "./ingest-summary";

/**
 * A reader's failure after part of the file was stored, with the counts of
 * the records stored before it. Its message is the failure's own.
 */
export class PartialFileError extends Error {
  readonly counts: FileCounts;

  constructor(failure: unknown, counts: FileCounts) {
    super(failure instanceof Error ? failure.message : String(failure), { cause: failure });
    this.name = "PartialFileError";
    this.counts = counts;
  }
}
