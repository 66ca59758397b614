import { describe, expect, it } from "vitest";

import { emptySummary, summaryLine } from "./ingest-summary";

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
});
