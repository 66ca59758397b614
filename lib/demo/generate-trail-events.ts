import { generateAttackChain } from "./activity/generate-attack-chain";
import { generateBreakGlassGrant } from "./activity/generate-break-glass-grant";
import { generateCiDeployActivity } from "./activity/generate-ci-deploy-activity";
import { generateConsoleActivity } from "./activity/generate-console-activity";
import { generateContainment } from "./activity/generate-containment";
import { generateExportFunctionActivity } from "./activity/generate-export-function-activity";
import { generateReportsServiceActivity } from "./activity/generate-reports-service-activity";
import type { TrailEvent } from "./cloudtrail/build-cloudtrail-record";

/**
 * Generates every CloudTrail event of the scenario, ordinary and malicious, in
 * a fixed order (by generator, then time) so that delivery planning is reproducible.
 */
export function generateTrailEvents(options: { seed: number }): TrailEvent[] {
  const generators = [
    generateReportsServiceActivity,
    generateCiDeployActivity,
    generateConsoleActivity,
    generateExportFunctionActivity,
    generateAttackChain,
    generateContainment,
    generateBreakGlassGrant,
  ];
  return generators.flatMap((generate) =>
    generate(options).sort((left, right) => left.eventTime.getTime() - right.eventTime.getTime()),
  );
}
