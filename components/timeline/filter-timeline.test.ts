import { describe, expect, it } from "vitest";

import {
  filterTimeline,
  type FilterableEntry,
  NO_FILTERS,
  parseTimelineFilters,
  timelineFacets,
  toggleValue,
  writeTimelineFilters,
} from "./filter-timeline";

const ALICE = "arn:aws:iam::111122223333:user/alice";
const BOB = "arn:aws:iam::111122223333:user/bob";

function entry(source: string, phase: string | null, principalKey: string): FilterableEntry & { id: string } {
  return {
    id: `${source}-${phase}-${principalKey}`,
    source,
    phase,
    principalKey,
    principalArn: principalKey,
    principalName: principalKey.split("/").pop() ?? null,
  };
}

const ENTRIES = [
  entry("cloudtrail", null, ALICE),
  entry("cloudtrail", "persistence", ALICE),
  entry("guardduty", "detection", ALICE),
  entry("cloudtrail", "containment", BOB),
  entry("cloudtrail", null, BOB),
];

function ids(entries: Array<{ id: string }>): string[] {
  return entries.map((item) => item.id);
}

describe("filterTimeline", () => {
  it("keeps everything without filters", () => {
    expect(filterTimeline(ENTRIES, NO_FILTERS)).toHaveLength(5);
  });

  it("filters by source", () => {
    const kept = filterTimeline(ENTRIES, { ...NO_FILTERS, sources: ["guardduty"] });
    expect(ids(kept)).toEqual([`guardduty-detection-${ALICE}`]);
  });

  it("filters context entries by phase", () => {
    const kept = filterTimeline(ENTRIES, { ...NO_FILTERS, phases: ["none"] });
    expect(ids(kept)).toEqual([`cloudtrail-null-${ALICE}`, `cloudtrail-null-${BOB}`]);
  });

  it("combines dimensions with and", () => {
    const kept = filterTimeline(ENTRIES, { ...NO_FILTERS, sources: ["cloudtrail"], principals: [BOB], signalsOnly: true });
    expect(ids(kept)).toEqual([`cloudtrail-containment-${BOB}`]);
  });

  it("falls back to the ARN without a key", () => {
    const legacy = { source: "cloudtrail", phase: null, principalArn: ALICE, principalName: "alice" };
    expect(filterTimeline([legacy], { ...NO_FILTERS, principals: [ALICE] })).toHaveLength(1);
  });
});

describe("timelineFacets", () => {
  it("counts each value", () => {
    const facets = timelineFacets(ENTRIES);
    expect(facets.sources).toEqual([
      { value: "cloudtrail", label: "cloudtrail", count: 4 },
      { value: "guardduty", label: "guardduty", count: 1 },
    ]);
    expect(facets.principals.map((facet) => [facet.label, facet.count])).toEqual([
      ["alice", 3],
      ["bob", 2],
    ]);
  });

  it("orders phases by attack stage", () => {
    const phases = timelineFacets(ENTRIES).phases.map((facet) => facet.value);
    expect(phases).toEqual(["detection", "persistence", "containment", "none"]);
  });
});

describe("timeline filter URL", () => {
  it("round-trips through the query string", () => {
    const filters = { sources: ["cloudtrail"], phases: ["none", "persistence"], principals: [ALICE], signalsOnly: true };
    const params = writeTimelineFilters(new URLSearchParams("tab=timeline"), filters);
    expect(params.get("tab")).toBe("timeline");
    expect(params.getAll("phase")).toEqual(["none", "persistence"]);
    expect(parseTimelineFilters(params)).toEqual(filters);
  });

  it("drops cleared filters", () => {
    const params = writeTimelineFilters(new URLSearchParams("source=guardduty&signals=1"), NO_FILTERS);
    expect(params.toString()).toBe("");
  });

  it("toggles a value", () => {
    expect(toggleValue(["a"], "b")).toEqual(["a", "b"]);
    expect(toggleValue(["a", "b"], "a")).toEqual(["b"]);
  });
});
