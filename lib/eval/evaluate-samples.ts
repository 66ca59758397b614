import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

import { FINDING_SCORES, guardDutyFindingRule } from "@/lib/detect/rules/guardduty-finding-rule";
import { parseGuardDutyValue } from "@/lib/sources/guardduty/parse-guardduty-value";

import { buildEvalEvents } from "./build-eval-events";
import { PANTHER_CLOUDTRAIL_RULES, PANTHER_GUARDDUTY_BANDS, STRATUS_EXPECTED_RULES } from "./rule-mappings";
import { runRulesInMemory } from "./run-rules-in-memory";
import { addRuleCase, type Tally } from "./tally-results";

/** Results of one labelled data set. */
export interface DataSetResult {
  name: string;
  /** Labelled cases read. */
  cases: number;
  repaired: number;
  /** Cases left out because their record could not be parsed or has no principal. */
  unusable: number;
  tallies: Map<string, Tally>;
}

interface PantherLine {
  rule_id: string;
  expected_result: boolean;
  log: unknown;
}

function readJsonLines(path: string): PantherLine[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as PantherLine);
}

/** Runs each mapped Panther fixture alone and compares the mapped rule's verdict with Panther's expected result. */
export async function evaluatePantherCloudTrail(samplesDir: string): Promise<DataSetResult> {
  const lines = readJsonLines(join(samplesDir, "cloudtrail", "panther", "panther-rule-tests-cloudtrail.jsonl"));
  const result: DataSetResult = { name: "Panther CloudTrail rule tests", cases: 0, repaired: 0, unusable: 0, tallies: new Map() };
  for (const line of lines) {
    const ruleId = PANTHER_CLOUDTRAIL_RULES[line.rule_id];
    if (ruleId === undefined) {
      continue;
    }
    result.cases += 1;
    const built = buildEvalEvents([line.log]);
    result.repaired += built.repaired;
    result.unusable += built.unusable;
    if (built.events.length === 0) {
      continue;
    }
    const hits = await runRulesInMemory(built.events);
    addRuleCase(result.tallies, ruleId, line.expected_result, hits.has(ruleId));
  }
  return result;
}

/**
 * Runs every rule over each Stratus Red Team detonation as one sample. A
 * rule expected for the technique counts a true positive when it fires and
 * a false negative when not; any other rule that fires counts a false positive.
 */
export async function evaluateStratus(samplesDir: string, ruleIds: readonly string[]): Promise<DataSetResult> {
  const folder = join(samplesDir, "cloudtrail", "stratus-red-team");
  const files = readdirSync(folder).filter((name) => name.endsWith(".json")).sort();
  const result: DataSetResult = { name: "Stratus Red Team detonations", cases: 0, repaired: 0, unusable: 0, tallies: new Map() };
  for (const file of files) {
    const records = JSON.parse(readFileSync(join(folder, file), "utf8")) as unknown[];
    const built = buildEvalEvents(records);
    result.cases += 1;
    result.repaired += built.repaired;
    result.unusable += built.unusable;
    const hits = await runRulesInMemory(built.events);
    const expected = new Set(STRATUS_EXPECTED_RULES[basename(file, ".json")] ?? []);
    for (const ruleId of ruleIds) {
      addRuleCase(result.tallies, ruleId, expected.has(ruleId), hits.has(ruleId));
    }
  }
  return result;
}

/** Tells whether Watchfloor signals a finding, and in which severity band. */
function findingSignal(value: unknown): { signalled: boolean; band: string | null } {
  const [item] = parseGuardDutyValue({ value });
  if (item === undefined || item.type !== "guardduty") {
    return { signalled: false, band: null };
  }
  const band = item.finding.severityLabel ?? null;
  return { signalled: !item.finding.sample, band: band !== null && band in FINDING_SCORES ? band : "Medium" };
}

/**
 * Checks the guardduty-finding rule on Panther's GuardDuty fixtures (a hit
 * counts when the finding is signalled in the band the Panther rule names)
 * and on real findings, which must be signalled.
 */
export async function evaluateGuardDuty(samplesDir: string): Promise<DataSetResult> {
  const result: DataSetResult = { name: "GuardDuty findings", cases: 0, repaired: 0, unusable: 0, tallies: new Map() };
  const ruleId = guardDutyFindingRule.id;
  for (const line of readJsonLines(join(samplesDir, "guardduty", "panther", "panther-rule-tests-guardduty.jsonl"))) {
    const band = PANTHER_GUARDDUTY_BANDS[line.rule_id];
    if (band === undefined) {
      continue;
    }
    const signal = findingSignal(line.log);
    result.cases += 1;
    addRuleCase(result.tallies, ruleId, line.expected_result, signal.signalled && signal.band === band);
  }
  const realFolder = join(samplesDir, "guardduty", "onug-csnf");
  for (const file of readdirSync(realFolder).filter((name) => name.endsWith(".json")).sort()) {
    const signal = findingSignal(JSON.parse(readFileSync(join(realFolder, file), "utf8")));
    result.cases += 1;
    addRuleCase(result.tallies, ruleId, true, signal.signalled);
  }
  return result;
}
