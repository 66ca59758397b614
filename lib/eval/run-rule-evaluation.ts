import { existsSync } from "node:fs";
import { resolve } from "node:path";

import { ALL_RULES } from "@/lib/detect/rules";

import { evaluateGuardDuty, evaluatePantherCloudTrail, evaluateStratus } from "./evaluate-samples";
import { formatEvalReport } from "./format-eval-report";

export interface RunRuleEvaluationOptions {
  /** Folder of the labelled samples; WATCHFLOOR_SAMPLES_DIR, else ../shared/samples beside the repository. */
  samplesDir?: string;
  repoRoot: string;
  write: (text: string) => void;
}

/** Evaluates the rules on the labelled samples and prints the report; returns the exit status. */
export async function runRuleEvaluation(options: RunRuleEvaluationOptions): Promise<number> {
  const samplesDir = options.samplesDir ?? process.env.WATCHFLOOR_SAMPLES_DIR ?? resolve(options.repoRoot, "../shared/samples");
  if (!existsSync(samplesDir)) {
    options.write(`Rule evaluation skipped: the samples folder ${samplesDir} is absent. Set WATCHFLOOR_SAMPLES_DIR to its path.\n`);
    return 0;
  }
  const cloudTrailRuleIds = ALL_RULES.filter((rule) => rule.source === "cloudtrail" && rule.phase !== "containment").map((rule) => rule.id);
  const results = [
    await evaluatePantherCloudTrail(samplesDir),
    await evaluateStratus(samplesDir, cloudTrailRuleIds),
    await evaluateGuardDuty(samplesDir),
  ];
  options.write(`Detection rules evaluated on ${samplesDir}\n\n${formatEvalReport(results)}`);
  return 0;
}
