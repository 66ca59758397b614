import { PHASE_ORDER } from "@/components/theme/palette";

/** Phase filter value of entries that carry no signal (context events). */
export const NO_PHASE = "none";

/** The subset of a timeline entry the filters read. */
export interface FilterableEntry {
  source: string;
  phase: string | null;
  principalKey?: string | null;
  principalArn: string | null;
  principalName: string | null;
}

/** Selected values per dimension; an empty list selects everything. */
export interface TimelineFilters {
  sources: string[];
  phases: string[];
  principals: string[];
  signalsOnly: boolean;
}

export const NO_FILTERS: TimelineFilters = { sources: [], phases: [], principals: [], signalsOnly: false };

/** One value a dimension can take, with how many entries have it. */
export interface Facet {
  value: string;
  label: string;
  count: number;
}

export interface TimelineFacets {
  sources: Facet[];
  phases: Facet[];
  principals: Facet[];
}

/** Returns the value an entry is filtered on for its principal: the key, else the ARN, else the name. */
export function principalFilterValue(entry: FilterableEntry): string {
  return entry.principalKey ?? entry.principalArn ?? entry.principalName ?? "unknown";
}

function phaseValue(entry: FilterableEntry): string {
  return entry.phase ?? NO_PHASE;
}

/** Keeps the entries that match every dimension with a selection. */
export function filterTimeline<T extends FilterableEntry>(entries: readonly T[], filters: TimelineFilters): T[] {
  const sources = new Set(filters.sources);
  const phases = new Set(filters.phases);
  const principals = new Set(filters.principals);
  return entries.filter(
    (entry) =>
      (!filters.signalsOnly || entry.phase !== null) &&
      (sources.size === 0 || sources.has(entry.source)) &&
      (phases.size === 0 || phases.has(phaseValue(entry))) &&
      (principals.size === 0 || principals.has(principalFilterValue(entry))),
  );
}

function countBy<T>(items: readonly T[], value: (item: T) => string, label: (item: T) => string): Facet[] {
  const facets = new Map<string, Facet>();
  for (const item of items) {
    const key = value(item);
    const facet = facets.get(key) ?? { value: key, label: label(item), count: 0 };
    facet.count += 1;
    facets.set(key, facet);
  }
  return [...facets.values()];
}

function phaseRank(value: string): number {
  const index = (PHASE_ORDER as readonly string[]).indexOf(value);
  if (index !== -1) {
    return index;
  }
  // Unknown phases follow the known ones, and entries without a signal come last.
  return value === NO_PHASE ? PHASE_ORDER.length + 1 : PHASE_ORDER.length;
}

/** Lists the values each dimension takes in the entries, for the filter controls. */
export function timelineFacets(entries: readonly FilterableEntry[]): TimelineFacets {
  const byName = (a: Facet, b: Facet) => a.label.localeCompare(b.label);
  return {
    sources: countBy(entries, (entry) => entry.source, (entry) => entry.source).sort(byName),
    phases: countBy(entries, phaseValue, (entry) => entry.phase ?? "no signal").sort(
      (a, b) => phaseRank(a.value) - phaseRank(b.value) || byName(a, b),
    ),
    principals: countBy(entries, principalFilterValue, (entry) => entry.principalName ?? principalFilterValue(entry)).sort(
      (a, b) => b.count - a.count || byName(a, b),
    ),
  };
}

const PARAMS = { sources: "source", phases: "phase", principals: "principal" } as const;

/** Reads filters from the page's query string: `source`, `phase` and `principal` repeat, `signals=1`. */
export function parseTimelineFilters(params: URLSearchParams): TimelineFilters {
  return {
    sources: params.getAll(PARAMS.sources),
    phases: params.getAll(PARAMS.phases),
    principals: params.getAll(PARAMS.principals),
    signalsOnly: params.get("signals") === "1",
  };
}

/** Writes filters into a copy of `params`, keeping the parameters the filters do not own. */
export function writeTimelineFilters(params: URLSearchParams, filters: TimelineFilters): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [field, name] of Object.entries(PARAMS) as Array<[keyof typeof PARAMS, string]>) {
    next.delete(name);
    for (const value of filters[field]) {
      next.append(name, value);
    }
  }
  next.delete("signals");
  if (filters.signalsOnly) {
    next.set("signals", "1");
  }
  return next;
}

export function hasTimelineFilters(filters: TimelineFilters): boolean {
  return filters.signalsOnly || filters.sources.length + filters.phases.length + filters.principals.length > 0;
}

/** Adds `value` to a selection, or removes it when present. */
export function toggleValue(values: readonly string[], value: string): string[] {
  return values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
}
