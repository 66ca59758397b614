import type { TimelineAction } from "./load-incident-lifecycle";

/** A log event of the timeline, tagged so that it can sit in one list with actions. */
export type TimelineEventItem<Entry> = Entry & { kind: "event" };

export type TimelineItem<Entry> = TimelineEventItem<Entry> | TimelineAction;

/**
 * Merges an incident's actions into its timeline entries by time. At equal
 * times the log event comes first, because an action is a response to what
 * the logs already show. Both inputs are expected in time order.
 */
export function mergeTimelineActions<Entry extends { eventTime: string }>(
  entries: readonly Entry[],
  actions: readonly TimelineAction[],
): Array<TimelineItem<Entry>> {
  const merged: Array<TimelineItem<Entry>> = [];
  let next = 0;
  for (const entry of entries) {
    while (next < actions.length && Date.parse(actions[next].at) < Date.parse(entry.eventTime)) {
      merged.push(actions[next]);
      next += 1;
    }
    merged.push({ ...entry, kind: "event" });
  }
  return [...merged, ...actions.slice(next)];
}
