import type { UnfinishedRecord } from "./json-record-splitter";
import { InputError } from "./open-input";
import type { Rejection } from "./types";

/**
 * Returns the rejection of the record that was being read when the input
 * failed with `error`. Its end was never read, so it may have been cut short,
 * and it is kept with the bytes read of it instead of being stored.
 */
export function rejectCutRecord(cut: UnfinishedRecord, options: { field: string | null; error: unknown }): Rejection {
  const damaged = options.error instanceof InputError && options.error.code === "corrupt-gzip";
  const cause = damaged ? "the damage" : "the failure";
  return {
    recordIndex: cut.index,
    field: options.field,
    reason:
      `${cut.path}: reading the file failed before the end of this record, ` +
      `so it may have been cut short by ${cause}. It was not stored.`,
    raw: cut.bytes ?? null,
  };
}
