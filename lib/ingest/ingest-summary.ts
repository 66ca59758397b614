import type { SourceName } from "./types";

/** Counts kept per source in the `bySource` part of the summary. */
export interface SourceCounts {
  files: number;
  records: number;
  inserted: number;
  duplicates: number;
  skipped: number;
  rejected: number;
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
    duplicates: 0,
    skipped: [],
    rejected: [],
    bySource: {
      cloudtrail: emptyCounts(),
      guardduty: emptyCounts(),
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
  };
}

/** Counts of one file, added into the summary when the file is done. */
export interface FileCounts {
  records: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  nodata?: number;
  skipdata?: number;
  /** Whether the reader stopped before the end of the file, which makes the file incomplete. */
  stoppedEarly?: boolean;
}

export function addFileCounts(summary: IngestSummary, source: SourceName, counts: FileCounts): void {
  const bySource = summary.bySource[source];
  bySource.files += 1;
  bySource.records += counts.records;
  bySource.inserted += counts.inserted;
  bySource.duplicates += counts.duplicates;
  bySource.rejected += counts.rejected;
  if (counts.nodata !== undefined) {
    bySource.nodata = (bySource.nodata ?? 0) + counts.nodata;
  }
  if (counts.skipdata !== undefined) {
    bySource.skipdata = (bySource.skipdata ?? 0) + counts.skipdata;
  }
  summary.records += counts.records;
  summary.inserted += counts.inserted;
  summary.duplicates += counts.duplicates;
}

/** Adds the counts and lists of `part` (one uploaded file) into `total`, in place. */
export function mergeSummaries(total: IngestSummary, part: IngestSummary): IngestSummary {
  total.files += part.files;
  total.records += part.records;
  total.inserted += part.inserted;
  total.duplicates += part.duplicates;
  total.skipped.push(...part.skipped);
  total.rejected.push(...part.rejected);
  for (const source of Object.keys(total.bySource) as SourceName[]) {
    const into = total.bySource[source];
    const from = part.bySource[source];
    into.files += from.files;
    into.records += from.records;
    into.inserted += from.inserted;
    into.duplicates += from.duplicates;
    into.skipped += from.skipped;
    into.rejected += from.rejected;
    if (from.nodata !== undefined) {
      into.nodata = (into.nodata ?? 0) + from.nodata;
    }
    if (from.skipdata !== undefined) {
      into.skipdata = (into.skipdata ?? 0) + from.skipdata;
    }
  }
  return total;
}

function count(value: number, singular: string, plural: string): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

/**
 * Returns the first line of a summary as the command line prints it and the
 * Ingest page shows it: `2 files, 7 records: 6 stored, 0 duplicates, 0 files
 * skipped, 1 rejected.`
 */
export function summaryLine(summary: IngestSummary): string {
  return (
    `${count(summary.files, "file", "files")}, ${count(summary.records, "record", "records")}: ${summary.inserted} stored, ` +
    `${count(summary.duplicates, "duplicate", "duplicates")}, ${count(summary.skipped.length, "file", "files")} skipped, ` +
    `${summary.rejected.length} rejected.`
  );
}
