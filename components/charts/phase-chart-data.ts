import { PHASE_ORDER } from "@/components/theme/palette";

export interface PhaseInput {
  phase: string;
  at: string;
  eventName: string | null;
  ruleId: string;
  source: string;
}

export interface PhasePoint {
  /** Epoch milliseconds. */
  time: number;
  /** Index of the phase's lane, 0 at the top. */
  lane: number;
  phase: string;
  at: string;
  eventName: string | null;
  ruleId: string;
  source: string;
}

export interface PhaseChartData {
  /** Phases that have signals: known phases in PHASE_ORDER, then unknown ones by name. */
  lanes: string[];
  points: PhasePoint[];
  /** Epoch milliseconds of the first and last point, widened so a single point is not on the edge. */
  domain: [number, number];
}

/** Minimum padding on each side of the time axis. */
const MIN_PADDING_MS = 60_000;

/** Places an incident's signals on one lane per phase along a time axis. */
export function buildPhaseChartData(phases: PhaseInput[]): PhaseChartData {
  const present = new Set(phases.map((item) => item.phase));
  const known = PHASE_ORDER.filter((phase) => present.has(phase));
  const unknown = [...present].filter((phase) => !(PHASE_ORDER as readonly string[]).includes(phase)).sort();
  const lanes = [...known, ...unknown];
  const points = phases.map((item) => ({
    time: Date.parse(item.at),
    lane: lanes.indexOf(item.phase),
    phase: item.phase,
    at: item.at,
    eventName: item.eventName,
    ruleId: item.ruleId,
    source: item.source,
  }));
  return { lanes, points, domain: timeDomain(points.map((point) => point.time)) };
}

function timeDomain(times: number[]): [number, number] {
  if (times.length === 0) {
    return [0, 1];
  }
  const first = Math.min(...times);
  const last = Math.max(...times);
  const padding = Math.max(MIN_PADDING_MS, (last - first) * 0.04);
  return [first - padding, last + padding];
}
