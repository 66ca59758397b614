import { pgPool } from "@/lib/db/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatTime, plural } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";

/** History read for the principal's usual hours. */
const HISTORY_MS = 30 * 24 * 60 * 60 * 1000;
/** Share of the principal's calls an hour needs to count as usual. */
const USUAL_SHARE = 0.02;
/** Fewer calls than this give no usual hours. */
const MIN_HISTORY_CALLS = 20;

/** Hours (UTC) holding at least 2 % of the calls; also the ranges as text, `13:00–22:00`. */
export function usualHours(histogram: readonly number[]): number[] {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  return histogram.flatMap((count, hour) => (total > 0 && count / total >= USUAL_SHARE ? [hour] : []));
}

export function hourRanges(hours: readonly number[]): string {
  const ranges: string[] = [];
  for (let index = 0; index < hours.length; index += 1) {
    const start = hours[index];
    while (index + 1 < hours.length && hours[index + 1] === hours[index] + 1) {
      index += 1;
    }
    ranges.push(`${String(start).padStart(2, "0")}:00–${String(hours[index] + 1).padStart(2, "0")}:00`);
  }
  return ranges.join(", ");
}

/** Is the activity outside the principal's usual hours? */
export async function checkUsualHours(context: ChecklistContext): Promise<ChecklistItemDraft> {
  const result = await pgPool().query<{ hour: number; calls: number }>(
    `SELECT extract(hour FROM event_time AT TIME ZONE 'UTC')::int AS hour, count(*)::int AS calls
     FROM events
     WHERE source = 'cloudtrail' AND principal_key = $1 AND event_time >= $2 AND event_time < $3
     GROUP BY 1`,
    [context.principal.key, new Date(context.activityStart.getTime() - HISTORY_MS), context.activityStart],
  );
  const histogram = Array.from({ length: 24 }, (_, hour) => result.rows.find((row) => row.hour === hour)?.calls ?? 0);
  const total = histogram.reduce((sum, count) => sum + count, 0);
  const usual = total >= MIN_HISTORY_CALLS ? usualHours(histogram) : [];
  const activityHours = [...new Set(context.activity.map((event) => event.eventTime.getUTCHours()))].sort((a, b) => a - b);
  const outside = activityHours.filter((hour) => !usual.includes(hour));
  const first = context.activity[0]?.eventTime;
  const last = context.activity.at(-1)?.eventTime;
  const activityText = first && last ? `${formatTime(first)} – ${formatTime(last)} UTC` : "no calls";
  const usualText = usual.length > 0 ? hourRanges(usual) : "none";
  const data = { histogram, usualHours: usual, activityHours, historyCalls: total };
  const evidence = {
    facts: [
      { label: "Activity", value: activityText, links: [] },
      { label: "Usual hours (UTC)", value: `${usualText}, from ${plural(total, "call")} in the 30 days before`, links: [] },
    ],
    table: { columns: ["Hour (UTC)", "Calls"], rows: histogram.flatMap((count, hour) => (count > 0 ? [[`${String(hour).padStart(2, "0")}:00`, String(count)]] : [])) },
  };
  const question = "Is the activity outside the principal's usual hours?";
  if (total < MIN_HISTORY_CALLS || activityHours.length === 0) {
    return yesNoItem({
      id: "usual-hours",
      question,
      evidence,
      data,
      suggested: { value: "unknown", indicates: "neutral", text: `Unknown: ${context.principal.name} made ${plural(total, "call")} in the 30 days before, too few to know its hours.` },
      alternative: { value: "yes", indicates: "compromise", text: "Yes: the activity is outside the principal's usual hours." },
    });
  }
  if (outside.length > 0) {
    return yesNoItem({
      id: "usual-hours",
      question,
      evidence,
      data,
      suggested: { value: "yes", indicates: "compromise", text: `Yes: activity at ${activityText}; ${context.principal.name} works ${usualText} UTC.` },
      alternative: { indicates: "legitimate", text: "No: out-of-hours work was expected." },
    });
  }
  return yesNoItem({
    id: "usual-hours",
    question,
    evidence,
    data,
    suggested: { value: "no", indicates: "legitimate", text: `No: activity at ${activityText} is within ${usualText} UTC.` },
    alternative: { indicates: "compromise", text: "Yes: the time is unusual for this principal in a way the history does not show." },
  });
}
