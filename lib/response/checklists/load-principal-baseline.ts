import { db, pgPool } from "@/lib/db/client";
import { addressSql, type BaselineDimension, toBaselineValue } from "@/lib/detect/baseline-values";
import { judgeNovelty, type NoveltyVerdict } from "@/lib/detect/check-novelty";

import type { ChecklistContext } from "./load-checklist-context";

export interface BaselineValue {
  value: string;
  firstSeen: Date;
  count: number;
}

/** A principal's baseline along a few dimensions, with novelty judged as the detection rules judge it. */
export interface PrincipalBaseline {
  /** Values the principal used before the incident's novelty window, most used first. */
  usual: (dimension: BaselineDimension) => BaselineValue[];
  /** Verdict for a value used at `at`, from the stored first-seen times. */
  novelty: (dimension: BaselineDimension, value: string | null, at: Date) => NoveltyVerdict;
  firstSeen: (dimension: BaselineDimension, value: string) => Date | null;
}

/** Loads the principal's baseline entries for the given dimensions. */
export async function loadPrincipalBaseline(
  context: ChecklistContext,
  dimensions: BaselineDimension[],
): Promise<PrincipalBaseline> {
  const rows = await db().baselineEntry.findMany({
    where: { principalKey: context.principal.key, dimension: { in: dimensions } },
    orderBy: [{ count: "desc" }, { value: "asc" }],
  });
  const key = (dimension: string, value: string) => `${dimension}\u0000${value}`;
  const entries = new Map(rows.map((row) => [key(row.dimension, row.value), row]));
  const usualBefore = context.activityStart.getTime() - context.settings.noveltyWindowMs;
  return {
    usual: (dimension) =>
      rows
        .filter((row) => row.dimension === dimension && row.firstSeen.getTime() < usualBefore)
        .map((row) => ({ value: row.value, firstSeen: row.firstSeen, count: row.count })),
    novelty: (dimension, value, at) => {
      if (value === null) {
        return "no_value";
      }
      const stored = dimension === "userAgent" ? toBaselineValue(value) : value;
      return judgeNovelty({
        at,
        principalFirstSeen: context.principal.firstSeen,
        valueFirstSeen: entries.get(key(dimension, stored))?.firstSeen ?? null,
        settings: context.settings,
      });
    },
    firstSeen: (dimension, value) => entries.get(key(dimension, value))?.firstSeen ?? null,
  };
}

/** Returns the /24 (IPv4) or /48 (IPv6) network of an address, as baselines store it. */
export async function networkOf(address: string): Promise<string> {
  const result = await pgPool().query<{ network: string }>(`SELECT ${addressSql("network", "$1")} AS network`, [address]);
  return result.rows[0]?.network ?? address;
}
