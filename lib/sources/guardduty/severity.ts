import type { SeverityLabel } from "./types";

/**
 * GuardDuty's bands (User Guide, "Severity levels of GuardDuty findings"): Low 1.0–3.9,
 * Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0. The bands are closed at their lower
 * edge, so 3.95 is still Low. GuardDuty emits nothing under 1.0; such a value is Low.
 */
export function severityLabel(severity: number | null): SeverityLabel | null {
  if (severity === null || !Number.isFinite(severity) || severity < 0) {
    return null;
  }
  if (severity >= 9) {
    return "Critical";
  }
  if (severity >= 7) {
    return "High";
  }
  return severity >= 4 ? "Medium" : "Low";
}
