import type { CellState, CoverageCell, CoverageRow } from "@/lib/ingest/coverage/coverage-grid";

/** One UTC day of a stream: 24 hour slots, null where the range does not reach. */
export interface CoverageDay {
  day: string;
  hours: Array<CoverageCell | null>;
}

/** Label and colour of each cell state, in the order the legend lists them. */
export const STATE_STYLES: Record<CellState, { label: string; color: string }> = {
  data: { label: "records stored", color: "#2f9e58" },
  quiet: { label: "quiet (digest lists no file)", color: "#24384a" },
  nodata: { label: "no traffic (flow NODATA)", color: "#2c5d63" },
  "no-data": { label: "no records between first and last hour", color: "#7a3b42" },
  missing: { label: "log file missing (digest)", color: "#ff4d5e" },
  altered: { label: "altered after delivery", color: "#e36fb0" },
  rejected: { label: "records rejected", color: "#ff8a3d" },
  skipdata: { label: "flow records skipped (SKIPDATA)", color: "#e6b73c" },
  none: { label: "outside the stream's span", color: "transparent" },
};

const SOURCE_LABELS: Record<string, string> = { cloudtrail: "CloudTrail", vpcflow: "VPC Flow Logs" };

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

/** Lays a stream's cells out as UTC days of 24 hours. */
export function groupByDay(row: CoverageRow): CoverageDay[] {
  const days = new Map<string, CoverageDay>();
  for (const cell of row.cells) {
    const day = cell.hour.slice(0, 10);
    let entry = days.get(day);
    if (!entry) {
      entry = { day, hours: Array<CoverageCell | null>(24).fill(null) };
      days.set(day, entry);
    }
    entry.hours[Number(cell.hour.slice(11, 13))] = cell;
  }
  return [...days.values()];
}

/** The text a cell shows on hover and to screen readers. */
export function describeCell(cell: CoverageCell): string {
  const parts = [`${cell.hour.slice(0, 10)} ${cell.hour.slice(11, 13)}:00 UTC`, STATE_STYLES[cell.state].label];
  if (cell.records > 0) {
    parts.push(`${cell.records} records`);
  }
  if (cell.missingFiles > 0) {
    parts.push(`${cell.missingFiles} log ${cell.missingFiles === 1 ? "file" : "files"} missing`);
  }
  if (cell.alteredFiles > 0) {
    parts.push(`${cell.alteredFiles} altered`);
  }
  if (cell.rejected > 0) {
    parts.push(`${cell.rejected} rejected`);
  }
  if (cell.nodata > 0) {
    parts.push(`${cell.nodata} NODATA`);
  }
  if (cell.skipdata > 0) {
    parts.push(`${cell.skipdata} SKIPDATA`);
  }
  return parts.join(" · ");
}

/** Opacity of a cell with records, rising with the log of the count, so a few records still show. */
export function dataIntensity(records: number, max: number): number {
  if (records <= 0 || max <= 0) {
    return 0;
  }
  return 0.35 + 0.65 * (Math.log1p(records) / Math.log1p(max));
}

/** Counts of the cells of a stream by state. */
export function countStates(row: CoverageRow): Partial<Record<CellState, number>> {
  const counts: Partial<Record<CellState, number>> = {};
  for (const cell of row.cells) {
    counts[cell.state] = (counts[cell.state] ?? 0) + 1;
  }
  return counts;
}
