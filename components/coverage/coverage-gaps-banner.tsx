"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";

import { fetchJson } from "@/components/api/fetch-json";
import type { CoverageGap } from "@/lib/ingest/coverage/find-coverage-gaps";

import styles from "./coverage.module.css";
import { sourceLabel, STATE_STYLES } from "./coverage-layout";

/** Gaps listed one by one; more are summarised in one line. */
const LISTED_GAPS = 12;

function coverageHref(hour: string): string {
  const day = hour.slice(0, 10);
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().replace(".000Z", "Z");
  return `/coverage?from=${day}T00:00:00Z&to=${next}`;
}

function gapsUrl(from: string, to: string, accountId: string | null): string {
  const account = accountId === null ? "" : `&accounts=${encodeURIComponent(accountId)}`;
  return `/api/coverage/gaps?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${account}`;
}

function countLabel(gaps: CoverageGap[]): string {
  const hours = new Set(gaps.map((gap) => gap.hour)).size;
  const hourText = `${hours} ${hours === 1 ? "hour" : "hours"}`;
  return gaps.length === hours ? hourText : `${gaps.length} gaps in ${hourText}`;
}

/**
 * Warns when log data is missing, altered or rejected in a time window, so
 * that an empty stretch of a timeline is not read as "nothing happened".
 * With `accountId`, only that account's logs are considered.
 */
export function CoverageGapsBanner({ from, to, accountId = null }: { from: string; to: string; accountId?: string | null }) {
  const query = useQuery({
    queryKey: ["coverage-gaps", from, to, accountId],
    queryFn: ({ signal }) => fetchJson<CoverageGap[]>(gapsUrl(from, to, accountId), signal),
    staleTime: 60_000,
  });
  const gaps = query.data ?? [];
  if (gaps.length === 0) {
    return null;
  }
  return (
    <div className={styles.banner} role="status" aria-label="Coverage gaps">
      <p>
        Log coverage has gaps inside this incident&apos;s window ({countLabel(gaps)}): events in these hours may be
        missing from the timeline.
      </p>
      <ul>
        {gaps.slice(0, LISTED_GAPS).map((gap) => (
          <li key={`${gap.source}|${gap.accountId}|${gap.region}|${gap.hour}`}>
            <Link href={coverageHref(gap.hour)}>
              {gap.hour.slice(0, 10)} {gap.hour.slice(11, 13)}:00 UTC
            </Link>{" "}
            · {gap.accountId ?? "unknown account"} {gap.region ?? ""} {sourceLabel(gap.source)} · {STATE_STYLES[gap.state].label}
          </li>
        ))}
        {gaps.length > LISTED_GAPS ? <li>and {gaps.length - LISTED_GAPS} more hours</li> : null}
      </ul>
    </div>
  );
}
