import { pgPool } from "@/lib/db/client";
import type { BaselineDimension } from "@/lib/detect/baseline-values";
import { judgeNovelty } from "@/lib/detect/check-novelty";
import { type AsnRecord, lookupAsn, lookupAsnValue } from "@/lib/detect/lookup-asn";
import { lookupCountry } from "@/lib/detect/lookup-geo";
import { readDetectionSettings } from "@/lib/detect/read-detection-settings";

const DAY_MS = 86_400_000;

/** Dimensions in the order the page shows them, with their headings. */
export const BASELINE_DIMENSIONS: ReadonlyArray<{ dimension: BaselineDimension; label: string }> = [
  { dimension: "ip", label: "Addresses" },
  { dimension: "network", label: "Networks" },
  { dimension: "asn", label: "Autonomous systems" },
  { dimension: "country", label: "Countries" },
  { dimension: "region", label: "Regions" },
  { dimension: "service", label: "Services" },
  { dimension: "api", label: "API calls" },
  { dimension: "userAgent", label: "User agents" },
];

/** Most values listed per dimension; the rest are counted. */
const MAX_VALUES = 100;

export interface BaselineValue {
  value: string;
  /** Country of an address (ip dimension only). */
  country: string | null;
  /** Autonomous system of an address (ip dimension) or of the value itself (asn dimension). */
  asn: AsnRecord | null;
  firstSeen: string;
  lastSeen: string;
  /** Events with this value over the principal's whole stored history. */
  count: number;
  /** True when the principal first used the value within the novelty window before `until`. */
  isNew: boolean;
}

export interface BaselineDimensionValues {
  dimension: BaselineDimension;
  label: string;
  values: BaselineValue[];
  /** Values left out past MAX_VALUES. */
  omitted: number;
}

/**
 * A principal's usual values at `until`: those it used within the `days`
 * before it, as baseline_entries records them.
 */
export interface PrincipalBaseline {
  from: string;
  until: string;
  days: number;
  /** `not_enough_history` when the principal was first seen less than the minimum history before `until`. */
  state: "enough_history" | "not_enough_history";
  minHistoryHours: number;
  noveltyWindowHours: number;
  /** Days of stored history before `until`, at most `days`. */
  coveredDays: number;
  dimensions: BaselineDimensionValues[];
}

interface EntryRow {
  dimension: BaselineDimension;
  value: string;
  first_seen: Date;
  last_seen: Date;
  count: number;
  rank: number;
  total: number;
}

// Values first used after `until` did not exist at that time, so they are
// left out. Values last used before the history window are no longer usual.
const ENTRIES_SQL = `
SELECT dimension, value, first_seen, last_seen, count, rank, total FROM (
  SELECT dimension, value, first_seen, last_seen, count,
    row_number() OVER (PARTITION BY dimension ORDER BY count DESC, value) AS rank,
    count(*) OVER (PARTITION BY dimension)::int AS total
  FROM baseline_entries
  WHERE principal_key = $1 AND first_seen <= $3 AND last_seen >= $2
) ranked WHERE rank <= $4 ORDER BY dimension, rank`;

function valueAsn(dimension: BaselineDimension, value: string): AsnRecord | null {
  if (dimension === "ip") {
    return lookupAsn(value);
  }
  return dimension === "asn" ? lookupAsnValue(value) : null;
}

/** Loads a principal's baseline as of `until` over the `days` before it. */
export async function loadPrincipalBaseline(options: {
  principalKey: string;
  principalFirstSeen: Date;
  until: Date;
  days: number;
}): Promise<PrincipalBaseline> {
  const settings = readDetectionSettings();
  const from = new Date(options.until.getTime() - options.days * DAY_MS);
  const result = await pgPool().query<EntryRow>(ENTRIES_SQL, [options.principalKey, from, options.until, MAX_VALUES]);
  const dimensions = BASELINE_DIMENSIONS.map(({ dimension, label }) => {
    const rows = result.rows.filter((row) => row.dimension === dimension);
    return {
      dimension,
      label,
      values: rows.map((row) => ({
        value: row.value,
        country: dimension === "ip" ? lookupCountry(row.value) : null,
        asn: valueAsn(dimension, row.value),
        firstSeen: row.first_seen.toISOString(),
        lastSeen: row.last_seen.toISOString(),
        count: row.count,
        isNew:
          judgeNovelty({ at: options.until, principalFirstSeen: options.principalFirstSeen, valueFirstSeen: row.first_seen, settings }) ===
          "new",
      })),
      omitted: Math.max(0, (rows[0]?.total ?? 0) - rows.length),
    };
  });
  const historyMs = Math.max(0, options.until.getTime() - Math.max(options.principalFirstSeen.getTime(), from.getTime()));
  return {
    from: from.toISOString(),
    until: options.until.toISOString(),
    days: options.days,
    state: options.principalFirstSeen.getTime() > options.until.getTime() - settings.minHistoryMs ? "not_enough_history" : "enough_history",
    minHistoryHours: settings.minHistoryMs / 3_600_000,
    noveltyWindowHours: settings.noveltyWindowMs / 3_600_000,
    coveredDays: Math.round((historyMs / DAY_MS) * 10) / 10,
    dimensions,
  };
}
