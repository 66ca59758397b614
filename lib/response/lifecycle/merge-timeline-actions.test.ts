import { describe, expect, it } from "vitest";

import type { TimelineAction } from "./load-incident-lifecycle";
import { mergeTimelineActions } from "./merge-timeline-actions";

function action(seq: string, at: string): TimelineAction {
  return { kind: "action", seq, at, actor: "local", action: "incident.status_changed", details: {} };
}

describe("mergeTimelineActions", () => {
  it("interleaves by time", () => {
    const entries = [
      { eventTime: "2026-11-17T02:14:05.000Z", id: "a" },
      { eventTime: "2026-11-17T02:21:47.000Z", id: "b" },
    ];
    const merged = mergeTimelineActions(entries, [
      action("1", "2026-11-17T02:20:00.000Z"),
      action("2", "2026-11-17T02:21:47.000Z"),
      action("3", "2026-12-04T10:00:00.000Z"),
    ]);
    expect(merged.map((item) => (item.kind === "event" ? item.id : item.seq))).toEqual(["a", "1", "b", "2", "3"]);
  });

  it("tags events", () => {
    const merged = mergeTimelineActions([{ eventTime: "2026-11-17T02:14:05.000Z" }], []);
    expect(merged).toEqual([{ eventTime: "2026-11-17T02:14:05.000Z", kind: "event" }]);
  });
});
