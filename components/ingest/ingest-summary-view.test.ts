import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { addFileCounts, emptySummary } from "@/lib/ingest/ingest-summary";

import { IngestSummaryView } from "./ingest-summary-view";

/** Returns the text of each cell of the by-source table, row by row. */
function tableCells(html: string): string[][] {
  const table = /<table[^>]*aria-label="By source"[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? "";
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
    [...(row ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => cell ?? ""),
  );
}

describe("IngestSummaryView", () => {
  it("shows updated findings in the line and the table", () => {
    const summary = emptySummary("b1");
    summary.files = 2;
    addFileCounts(summary, "guardduty", { records: 3, inserted: 1, updated: 2, duplicates: 0, rejected: 0 });
    addFileCounts(summary, "cloudtrail", { records: 4, inserted: 4, duplicates: 0, rejected: 0 });
    const html = renderToStaticMarkup(createElement(IngestSummaryView, { summary }));
    expect(html).toContain("2 files, 7 records: 5 stored, 2 updated, 0 duplicates, 0 files skipped, 0 rejected.");
    expect(tableCells(html)).toEqual([
      ["Source", "Files", "Records", "Stored", "Updated", "Duplicates", "Skipped", "Rejected"],
      ["CloudTrail", "1", "4", "4", "0", "0", "0", "0"],
      ["GuardDuty", "1", "3", "1", "2", "0", "0", "0"],
    ]);
  });

  it("leaves the column out when nothing was updated", () => {
    const summary = emptySummary("b1");
    summary.files = 1;
    addFileCounts(summary, "cloudtrail", { records: 4, inserted: 3, duplicates: 1, rejected: 0 });
    const html = renderToStaticMarkup(createElement(IngestSummaryView, { summary }));
    expect(html).toContain("1 file, 4 records: 3 stored, 1 duplicate, 0 files skipped, 0 rejected.");
    expect(tableCells(html)[0]).toEqual(["Source", "Files", "Records", "Stored", "Duplicates", "Skipped", "Rejected"]);
  });

  it("shows a source whose records came in another source's file", () => {
    const summary = emptySummary("b1");
    summary.files = 1;
    const findings = { records: 60, inserted: 0, updated: 60, duplicates: 0, rejected: 0 };
    addFileCounts(summary, "cloudtrail", {
      records: 600,
      inserted: 0,
      updated: 60,
      duplicates: 540,
      rejected: 0,
      otherSources: { guardduty: findings },
    });
    const html = renderToStaticMarkup(createElement(IngestSummaryView, { summary }));
    expect(tableCells(html)).toEqual([
      ["Source", "Files", "Records", "Stored", "Updated", "Duplicates", "Skipped", "Rejected"],
      ["CloudTrail", "1", "540", "0", "0", "540", "0", "0"],
      ["GuardDuty", "0", "60", "0", "60", "0", "0", "0"],
    ]);
  });
});
