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
  /** Axis ticks on whole minutes, hours or days of `domain`, each with a distinct label. */
  ticks: number[];
  /** Whether the ticks are days apart, so that they are labelled with dates instead of times. */
  dayTicks: boolean;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Tick spacings, in minutes, from which the axis takes the smallest that gives at most MAX_TICKS. */
const TICK_STEPS_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];
const MAX_TICKS = 8;

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
  const domain = timeDomain(points.map((point) => point.time));
  const step = tickStep(domain);
  return { lanes, points, domain, ticks: timeTicks(domain, step), dayTicks: step >= DAY_MS };
}

/**
 * Returns the spacing of the time axis ticks. Ticks chosen by the chart fell
 * within one minute for an incident whose signals share one minute, and two
 * ticks then showed the same `HH:MM` label.
 */
function tickStep([from, to]: [number, number]): number {
  const span = to - from;
  const step = TICK_STEPS_MINUTES.map((minutes) => minutes * MINUTE_MS).find((candidate) => span / candidate <= MAX_TICKS);
  return step ?? Math.ceil(span / MAX_TICKS / DAY_MS) * DAY_MS;
}

function timeTicks([from, to]: [number, number], step: number): number[] {
  const ticks: number[] = [];
  for (let tick = Math.ceil(from / step) * step; tick <= to; tick += step) {
    ticks.push(tick);
  }
  return ticks;
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
