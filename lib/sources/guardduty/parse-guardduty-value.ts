import { extractFindings } from "./extract-findings";
import { normalizeGuardDutyFinding } from "./normalize-finding";
import type { GuardDutyItem } from "./types";

export interface ParseGuardDutyValueInput {
  /** A parsed JSON document, or one line of an S3 export. */
  value: unknown;
  /**
   * The bytes `value` was parsed from. They are kept as the finding's raw bytes only when
   * the value holds exactly one finding; findings inside a list are re-serialised, since
   * their own bytes cannot be isolated after parsing.
   */
  raw?: Buffer | string;
  /** Index given to the first finding; pass the line number for JSON Lines. */
  startIndex?: number;
}

/** Every finding in `value` as a ParsedItem-style stream of findings and rejections. */
export function parseGuardDutyValue(input: ParseGuardDutyValueInput): GuardDutyItem[] {
  const candidates = extractFindings(input.value);
  return candidates.map((candidate, i) => {
    const index = (input.startIndex ?? 0) + i;
    const whole = candidates.length === 1 && (candidate.path === "" || candidate.path === "detail");
    const result = normalizeGuardDutyFinding({
      ...candidate,
      index,
      raw: whole ? input.raw : undefined,
    });
    return "finding" in result
      ? { type: "guardduty", index, finding: result.finding, path: candidate.path }
      : { type: "reject", rejection: result.rejection };
  });
}
