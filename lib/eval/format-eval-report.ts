import type { DataSetResult } from "./evaluate-samples";
import { precision, recall, sumTallies, type Tally } from "./tally-results";

function ratio(value: number | null): string {
  return value === null ? "  —  " : value.toFixed(2).padStart(5);
}

function row(label: string, tally: Tally): string {
  const counts = [tally.truePositives, tally.falsePositives, tally.falseNegatives, tally.trueNegatives].map((n) => String(n).padStart(4));
  return `${label.padEnd(36)} ${counts.join(" ")}  ${ratio(precision(tally))}  ${ratio(recall(tally))}`;
}

/** Formats per-rule and overall precision and recall of each data set as plain-text tables. */
export function formatEvalReport(results: readonly DataSetResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.name}: ${result.cases} labelled cases, ${result.repaired} repaired, ${result.unusable} unusable`);
    lines.push(`${"rule".padEnd(36)}   TP   FP   FN   TN  prec.  recall`);
    const rules = [...result.tallies.keys()].sort();
    for (const ruleId of rules) {
      const tally = result.tallies.get(ruleId);
      if (tally !== undefined && tally.truePositives + tally.falsePositives + tally.falseNegatives > 0) {
        lines.push(row(ruleId, tally));
      }
    }
    lines.push(row("overall", sumTallies(result.tallies.values())));
    lines.push("");
  }
  lines.push(row("all data sets", sumTallies(results.flatMap((result) => [...result.tallies.values()]))));
  return `${lines.join("\n")}\n`;
}
