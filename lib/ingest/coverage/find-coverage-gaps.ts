import { buildCoverageGrid } from "./build-coverage-grid";
import { floorHour, GAP_STATES, HOUR_MS, type CellState, type CoverageSource } from "./coverage-grid";

/** One hour of one log stream where data is missing, altered or rejected. */
export interface CoverageGap {
  source: CoverageSource;
  accountId: string | null;
  region: string | null;
  /** Start of the hour, ISO 8601 UTC. */
  hour: string;
  state: CellState;
}

/**
 * Hours the grid shows a stream's first and last hour from; a gap is only
 * called one between records, so the window alone would hide gaps at its edges.
 */
const CONTEXT_MS = 24 * HOUR_MS;

/**
 * Returns the coverage gaps of the hours that overlap [from, to], in time
 * order; with `accountIds`, only those of these accounts.
 */
export async function findCoverageGaps(window: { from: Date; to: Date; accountIds?: readonly string[] }): Promise<CoverageGap[]> {
  const first = floorHour(window.from.getTime());
  const last = floorHour(window.to.getTime());
  const grid = await buildCoverageGrid({ from: new Date(first - CONTEXT_MS), to: new Date(last + HOUR_MS + CONTEXT_MS) });
  const gaps: CoverageGap[] = [];
  const accounts = window.accountIds === undefined ? null : new Set(window.accountIds);
  for (const row of grid.rows) {
    if (accounts !== null && (row.accountId === null || !accounts.has(row.accountId))) {
      continue;
    }
    for (const cell of row.cells) {
      const hour = Date.parse(cell.hour);
      if (hour >= first && hour <= last && GAP_STATES.includes(cell.state)) {
        gaps.push({ source: row.source, accountId: row.accountId, region: row.region, hour: cell.hour, state: cell.state });
      }
    }
  }
  return gaps.sort((a, b) => a.hour.localeCompare(b.hour) || a.source.localeCompare(b.source));
}
