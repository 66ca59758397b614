import type { SourceName } from "./types";

/** Counts kept per source in the `bySource` part of the summary. */
export interface SourceCounts {
  files: number;
  records: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  rejected: number;
  /** GuardDuty findings already stored that arrived in a new version (another updatedAt or count). */
  updated?: number;
  /** VPC flow records whose log-status is NODATA (no traffic in the window). */
  nodata?: number;
  /** VPC flow records whose log-status is SKIPDATA (AWS dropped records). */
  skipdata?: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface RejectedEntry {
  file: string;
  /** Zero-based record index within the file, or null when the whole file was rejected. */
  record: number | null;
  field: string | null;
  reason: string;
}

/**
 * Result of one ingest. `watchfloor ingest --json` prints exactly this object,
 * and scripts rely on its field names.
 */
export interface IngestSummary {
  batchId: string;
  files: number;
  records: number;
  inserted: number;
  /**
   * Records already stored that this ingest changed: GuardDuty findings sent
   * again with another updatedAt or count. An identical copy is a duplicate.
   */
  updated: number;
  duplicates: number;
  skipped: SkippedFile[];
  rejected: RejectedEntry[];
  bySource: Record<SourceName, SourceCounts>;
  signals: number;
  incidentsCreated: number;
  incidentsUpdated: number;
}

function emptyCounts(): SourceCounts {
  return { files: 0, records: 0, inserted: 0, duplicates: 0, skipped: 0, rejected: 0 };
}

export function emptySummary(batchId: string): IngestSummary {
  return {
    batchId,
    files: 0,
    records: 0,
    inserted: 0,
    updated: 0,
    duplicates: 0,
    skipped: [],
    rejected: [],
    bySource: {
      cloudtrail: emptyCounts(),
      guardduty: { ...emptyCounts(), updated: 0 },
      vpcflow: { ...emptyCounts(), nodata: 0, skipdata: 0 },
      accessAdvisor: emptyCounts(),
    },
    signals: 0,
    incidentsCreated: 0,
    incidentsUpdated: 0,
  };
}

/** Returns the counts of a summary as stored in the `ingest_batches` columns and audit entries. */
export function summaryCounts(summary: IngestSummary) {
  return {
    files: summary.files,
    records: summary.records,
    inserted: summary.inserted,
    duplicates: summary.duplicates,
    skipped: summary.skipped.length,
    rejected: summary.rejected.length,
    // A summary stored by an earlier version has no `updated`.
    updated: summary.updated ?? 0,
  };
}

/** Counts of one file, added into the summary when the file is done. */
export interface FileCounts {
  records: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** GuardDuty findings already stored that arrived in a new version (another updatedAt or count). */
  updated?: number;
  nodata?: number;
  skipdata?: number;
  /** Whether the reader stopped before the end of the file, which makes the file incomplete. */
  stoppedEarly?: boolean;
  /**
   * The part of the counts above that belongs to another source than the
   * file's: GuardDuty findings in a batch of CloudTrail EventBridge events,
   * or CloudTrail events in a batch that starts with GuardDuty findings.
   */
  otherSources?: Partial<Record<SourceName, FileCounts>>;
}

/** The record counts that files and sources share. */
type RecordCounts = Pick<FileCounts, "records" | "inserted" | "duplicates" | "rejected" | "updated" | "nodata" | "skipdata">;

/** Adds the record counts of `from` into `into`, or subtracts them when `sign` is -1. */
export function addRecordCounts(into: RecordCounts, from: RecordCounts, sign: 1 | -1 = 1): void {
  into.records += sign * from.records;
  into.inserted += sign * from.inserted;
  into.duplicates += sign * from.duplicates;
  into.rejected += sign * from.rejected;
  // The optional counts appear only in the sources that have them, so a zero adds no key.
  for (const key of ["updated", "nodata", "skipdata"] as const) {
    const value = from[key];
    if (value) {
      into[key] = (into[key] ?? 0) + sign * value;
    }
  }
}

/**
 * Returns a file's counts with `part`, the counts of its records of another
 * source, added to the totals and kept apart in `otherSources`. The counts
 * given are not changed, and are returned as they are when `part` is empty.
 */
export function withOtherSource(counts: FileCounts, source: SourceName, part: FileCounts): FileCounts {
  if (part.records === 0) {
    return counts;
  }
  const total: FileCounts = { ...counts, otherSources: { ...counts.otherSources, [source]: part } };
  addRecordCounts(total, part);
  return total;
}

export function addFileCounts(summary: IngestSummary, source: SourceName, counts: FileCounts): void {
  const own: RecordCounts = { ...counts };
  for (const [other, part] of Object.entries(counts.otherSources ?? {}) as Array<[SourceName, FileCounts]>) {
    addRecordCounts(own, part, -1);
    addRecordCounts(summary.bySource[other], part);
  }
  const bySource = summary.bySource[source];
  bySource.files += 1;
  addRecordCounts(bySource, own);
  summary.records += counts.records;
  summary.inserted += counts.inserted;
  summary.updated += counts.updated ?? 0;
  summary.duplicates += counts.duplicates;
}

/** Adds the counts and lists of `part` (one uploaded file) into `total`, in place. */
export function mergeSummaries(total: IngestSummary, part: IngestSummary): IngestSummary {
  total.files += part.files;
  total.records += part.records;
  total.inserted += part.inserted;
  // A summary stored by an earlier version has no `updated`.
  total.updated = (total.updated ?? 0) + (part.updated ?? 0);
  total.duplicates += part.duplicates;
  total.skipped.push(...part.skipped);
  total.rejected.push(...part.rejected);
  for (const source of Object.keys(total.bySource) as SourceName[]) {
    const into = total.bySource[source];
    const from = part.bySource[source];
    into.files += from.files;
    into.skipped += from.skipped;
    addRecordCounts(into, from);
  }
  return total;
}

function count(value: number, singular: string, plural: string): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

/**
 * Returns the first line of a summary as the command line prints it and the
 * Ingest page shows it: `2 files, 7 records: 6 stored, 0 duplicates, 0 files
 * skipped, 1 rejected.` Updated findings are named only when there are some:
 * `6 stored, 1 updated, 0 duplicates`.
 */
export function summaryLine(summary: IngestSummary): string {
  const updated = summary.updated > 0 ? `${summary.updated} updated, ` : "";
  return (
    `${count(summary.files, "file", "files")}, ${count(summary.records, "record", "records")}: ${summary.inserted} stored, ` +
    `${updated}${count(summary.duplicates, "duplicate", "duplicates")}, ${count(summary.skipped.length, "file", "files")} skipped, ` +
    `${summary.rejected.length} rejected.`
  );
}
