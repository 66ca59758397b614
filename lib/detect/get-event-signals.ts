import { db } from "@/lib/db/client";
import { isObject } from "@/lib/sources/common/json-fields";

import type { NoveltyResult } from "./check-novelty";
import { type AsnRecord, lookupAsn, lookupAsnValue } from "./lookup-asn";
import { ALL_RULES } from "./rules";

/** A novelty verdict from a signal's details, with the principal it was judged for. */
export interface SignalNovelty extends NoveltyResult {
  principalKey: string;
  /** Time of the call judged, the baseline's end when the verdict is shown. */
  at: string;
  /** Autonomous system of the address, network or ASN judged; null for other dimensions. */
  owner: AsnRecord | null;
}

/** One signal raised on an event, explained by its rule. */
export interface EventSignal {
  id: string;
  ruleId: string;
  title: string;
  phase: string;
  severity: string;
  score: number;
  eventTime: string;
  principalKey: string;
  incidentId: string | null;
  techniqueIds: string[];
  tactics: string[];
  /** The rule's meaning and what to check next; null for a rule that no longer exists. */
  ruleTitle: string | null;
  ruleDescription: string | null;
  references: string[];
  novelty: SignalNovelty[];
  details: Record<string, unknown>;
}

const DIMENSIONS = new Set(["ip", "network", "asn", "country", "userAgent", "region", "service", "api"]);

function isNoveltyResult(value: unknown): value is NoveltyResult {
  return isObject(value) && typeof value.dimension === "string" && DIMENSIONS.has(value.dimension) && typeof value.verdict === "string";
}

function ownerOf(result: NoveltyResult): AsnRecord | null {
  if (result.value === null) {
    return null;
  }
  switch (result.dimension) {
    case "ip":
      return lookupAsn(result.value);
    case "network":
      // A network is stored as its CIDR (`85.17.31.0/24`) and is judged by its first address.
      return lookupAsn(result.value.split("/")[0]);
    case "asn":
      return lookupAsnValue(result.value);
    default:
      return null;
  }
}

/** Collects the novelty verdicts a rule stored in `details.novelty`, whatever their keys. */
export function collectNovelty(details: unknown, principalKey: string, at: string): SignalNovelty[] {
  const novelty = isObject(details) ? details.novelty : undefined;
  if (!isObject(novelty)) {
    return [];
  }
  return Object.values(novelty)
    .filter(isNoveltyResult)
    .map((result) => ({ ...result, principalKey, at, owner: ownerOf(result) }));
}

/** Returns the signals raised on a stored event or finding, each with its rule's explanation. */
export async function getEventSignals(key: { source: string; naturalId: string }): Promise<EventSignal[]> {
  const rows = await db().signal.findMany({
    where: { source: key.source, naturalId: key.naturalId },
    orderBy: [{ score: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => {
    const rule = ALL_RULES.find((item) => item.id === row.ruleId);
    const details = isObject(row.details) ? row.details : {};
    const at = row.eventTime.toISOString();
    return {
      id: row.id.toString(),
      ruleId: row.ruleId,
      title: row.title,
      phase: row.phase,
      severity: row.severity,
      score: row.score,
      eventTime: at,
      principalKey: row.principalKey,
      incidentId: row.incidentId,
      techniqueIds: row.techniqueIds,
      tactics: Array.isArray(details.tactics) ? details.tactics.map(String) : (rule?.mitre.tactics ?? []),
      ruleTitle: rule?.title ?? null,
      ruleDescription: rule?.description ?? null,
      references: rule?.references ?? [],
      novelty: collectNovelty(details, row.principalKey, at),
      details,
    };
  });
}
