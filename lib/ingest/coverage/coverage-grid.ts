/**
 * Shapes what is known about each hour of each log stream (account, region,
 * source) into cells that say whether data exists, is missing, or was
 * rejected. Pure functions, fed by build-coverage-grid.ts.
 */

export const HOUR_MS = 3_600_000;

export type CoverageSource = "cloudtrail" | "vpcflow";

/**
 * What a cell shows, most serious first: `altered` (content differs from the
 * digest), `missing` (a log file a digest lists was not ingested), `skipdata`
 * (flow records AWS dropped), `rejected` (records could not be stored),
 * `no-data` (no record in an hour between the stream's first and last hour,
 * and no digest says the hour was quiet), `data`, `nodata` (flow logs say the
 * interface saw no traffic), `quiet` (a digest covers the hour and listed no
 * file for it), `none` (outside the stream's first and last hour).
 */
export type CellState = "altered" | "missing" | "skipdata" | "rejected" | "no-data" | "data" | "nodata" | "quiet" | "none";

export interface CoverageCell {
  /** Start of the hour, ISO 8601 UTC. */
  hour: string;
  state: CellState;
  records: number;
  missingFiles: number;
  alteredFiles: number;
  rejected: number;
  nodata: number;
  skipdata: number;
}

export interface CoverageRow {
  source: CoverageSource;
  accountId: string | null;
  region: string | null;
  cells: CoverageCell[];
}

/** Facts gathered for one stream, keyed by hour start in epoch milliseconds. */
export interface StreamFacts {
  source: CoverageSource;
  accountId: string | null;
  region: string | null;
  records: Map<number, number>;
  missingFiles: Map<number, number>;
  alteredFiles: Map<number, number>;
  rejected: Map<number, number>;
  nodata: Map<number, number>;
  skipdata: Map<number, number>;
  /** Hours a CloudTrail digest window covers completely. */
  digestCovered: Set<number>;
}

export function emptyFacts(source: CoverageSource, accountId: string | null, region: string | null): StreamFacts {
  return {
    source,
    accountId,
    region,
    records: new Map(),
    missingFiles: new Map(),
    alteredFiles: new Map(),
    rejected: new Map(),
    nodata: new Map(),
    skipdata: new Map(),
    digestCovered: new Set(),
  };
}

export function addCount(map: Map<number, number>, hour: number, count: number): void {
  map.set(hour, (map.get(hour) ?? 0) + count);
}

export function floorHour(time: number): number {
  return Math.floor(time / HOUR_MS) * HOUR_MS;
}

/** Every hour start from `from` to `to`, both included. */
export function hoursBetween(from: number, to: number): number[] {
  const hours: number[] = [];
  for (let hour = floorHour(from); hour <= to; hour += HOUR_MS) {
    hours.push(hour);
  }
  return hours;
}

/** Builds the cells of one stream for the hours from `from` (included) to `to` (excluded). */
export function buildRow(facts: StreamFacts, from: number, to: number): CoverageRow {
  const seen = [...facts.records.keys()].filter((hour) => (facts.records.get(hour) ?? 0) > 0);
  const first = seen.length > 0 ? Math.min(...seen) : Number.POSITIVE_INFINITY;
  const last = seen.length > 0 ? Math.max(...seen) : Number.NEGATIVE_INFINITY;
  const cells: CoverageCell[] = [];
  for (let hour = floorHour(from); hour < to; hour += HOUR_MS) {
    const cell: CoverageCell = {
      hour: new Date(hour).toISOString(),
      state: "none",
      records: facts.records.get(hour) ?? 0,
      missingFiles: facts.missingFiles.get(hour) ?? 0,
      alteredFiles: facts.alteredFiles.get(hour) ?? 0,
      rejected: facts.rejected.get(hour) ?? 0,
      nodata: facts.nodata.get(hour) ?? 0,
      skipdata: facts.skipdata.get(hour) ?? 0,
    };
    cell.state = cellState(cell, { inSpan: hour >= first && hour <= last, digestCovered: facts.digestCovered.has(hour) });
    cells.push(cell);
  }
  return { source: facts.source, accountId: facts.accountId, region: facts.region, cells };
}

function cellState(cell: CoverageCell, context: { inSpan: boolean; digestCovered: boolean }): CellState {
  if (cell.alteredFiles > 0) {
    return "altered";
  }
  if (cell.missingFiles > 0) {
    return "missing";
  }
  if (cell.skipdata > 0) {
    return "skipdata";
  }
  if (cell.rejected > 0) {
    return "rejected";
  }
  if (cell.records > 0) {
    return cell.records === cell.nodata ? "nodata" : "data";
  }
  if (context.digestCovered) {
    return "quiet";
  }
  // A quiet CloudTrail hour has a digest (above), and flow logs write NODATA
  // records for an interface without traffic, so an empty hour inside the
  // stream's span is a gap.
  return context.inSpan ? "no-data" : "none";
}

/** Cell states that mean data is missing or wrong; the incident page lists these. */
export const GAP_STATES: readonly CellState[] = ["altered", "missing", "skipdata", "rejected", "no-data"];
