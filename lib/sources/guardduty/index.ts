export { extractFindings, type ExtractedFinding } from "./extract-findings";
export { normalizeGuardDutyFinding } from "./normalize-finding";
export { parseGuardDutyValue } from "./parse-guardduty-value";
export { phaseForFindingType } from "./phase-for-finding-type";
export { severityLabel } from "./severity";
export type * from "./types";
