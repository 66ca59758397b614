import { describe, expect, it } from "vitest";

import { addFileCounts, emptySummary, mergeSummaries, summaryLine, withOtherSource } from "./ingest-summary";

describe("summaryLine", () => {
  it("counts in the plural", () => {
    const summary = { ...emptySummary("b1"), files: 2, records: 7, inserted: 6 };
    summary.rejected.push({ file: "a.json", record: 1, field: null, reason: "invalid" });
    expect(summaryLine(summary)).toBe("2 files, 7 records: 6 stored, 0 duplicates, 0 files skipped, 1 rejected.");
  });

  it("counts one in the singular", () => {
    const summary = { ...emptySummary("b1"), files: 1, records: 1, inserted: 0, duplicates: 1 };
    summary.skipped.push({ file: "digest.json.gz", reason: "digest" });
    expect(summaryLine(summary)).toBe("1 file, 1 record: 0 stored, 1 duplicate, 1 file skipped, 0 rejected.");
  });

  it("names updated findings when there are some", () => {
    const summary = { ...emptySummary("b1"), files: 1, records: 3, inserted: 1, updated: 1, duplicates: 1 };
    expect(summaryLine(summary)).toBe("1 file, 3 records: 1 stored, 1 updated, 1 duplicate, 0 files skipped, 0 rejected.");
  });
});

describe("addFileCounts", () => {
  it("counts updated findings apart from duplicates", () => {
    const summary = emptySummary("b1");
    addFileCounts(summary, "guardduty", { records: 3, inserted: 1, updated: 1, duplicates: 1, rejected: 0 });
    expect([summary.records, summary.inserted, summary.updated, summary.duplicates]).toEqual([3, 1, 1, 1]);
    expect(summary.bySource.guardduty).toEqual({ files: 1, records: 3, inserted: 1, updated: 1, duplicates: 1, skipped: 0, rejected: 0 });
  });

  it("counts the records of another source under that source", () => {
    const summary = emptySummary("b1");
    const findings = { records: 2, inserted: 1, updated: 1, duplicates: 0, rejected: 0 };
    const counts = withOtherSource({ records: 5, inserted: 4, duplicates: 0, rejected: 1 }, "guardduty", findings);
    expect([counts.records, counts.inserted, counts.updated, counts.rejected]).toEqual([7, 5, 1, 1]);
    addFileCounts(summary, "cloudtrail", counts);
    expect(summary.bySource.cloudtrail).toEqual({ files: 1, records: 5, inserted: 4, duplicates: 0, skipped: 0, rejected: 1 });
    expect(summary.bySource.guardduty).toEqual({ files: 0, records: 2, inserted: 1, updated: 1, duplicates: 0, skipped: 0, rejected: 0 });
    expect([summary.records, summary.inserted, summary.updated]).toEqual([7, 5, 1]);
  });
});

describe("mergeSummaries", () => {
  it("adds updated findings, also into a summary stored without them", () => {
    const part = emptySummary("b1");
    addFileCounts(part, "guardduty", { records: 1, inserted: 0, updated: 1, duplicates: 0, rejected: 0 });
    const { updated: _updated, ...stored } = emptySummary("b1");
    const total = mergeSummaries(stored as ReturnType<typeof emptySummary>, part);
    expect(total.updated).toBe(1);
    expect(total.bySource.guardduty.updated).toBe(1);
  });
});
