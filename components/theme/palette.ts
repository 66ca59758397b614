/**
 * Severity and phase order, labels and colours, shared by badges, tables and
 * charts. Colours live here rather than in CSS because Recharts needs them as
 * values.
 */

export const SEVERITY_ORDER = ["critical", "high", "medium", "low", "info"] as const;

const SEVERITY_COLORS: Record<string, string> = {
  critical: "#ff4d5e",
  high: "#ff8a3d",
  medium: "#e6b73c",
  low: "#4ea1ff",
  info: "#8593a3",
};

/** Attack phases in the order an intrusion usually runs, then the response. */
export const PHASE_ORDER = [
  "detection",
  "persistence",
  "reconnaissance",
  "privilege_escalation",
  "defense_evasion",
  "exfiltration",
  "containment",
] as const;

const PHASE_COLORS: Record<string, string> = {
  detection: "#b083f0",
  persistence: "#f0883e",
  reconnaissance: "#58a6ff",
  privilege_escalation: "#ff5d6c",
  defense_evasion: "#e36fb0",
  exfiltration: "#e6b73c",
  containment: "#3fb950",
};

const STATUS_COLORS: Record<string, string> = {
  new: "#4ea1ff",
  triage: "#e6b73c",
  confirmed: "#ff8a3d",
  open: "#e6b73c",
  investigating: "#e6b73c",
  contained: "#3fb950",
  closed: "#8593a3",
  resolved: "#8593a3",
  interrupted: "#ff8a3d",
};

const FALLBACK_COLOR = "#8593a3";

export function severityColor(severity: string): string {
  return SEVERITY_COLORS[severity.toLowerCase()] ?? FALLBACK_COLOR;
}

/** Position in SEVERITY_ORDER; unknown severities sort last. */
export function severityRank(severity: string): number {
  const rank = SEVERITY_ORDER.indexOf(severity.toLowerCase() as (typeof SEVERITY_ORDER)[number]);
  return rank === -1 ? SEVERITY_ORDER.length : rank;
}

export function phaseColor(phase: string): string {
  return PHASE_COLORS[phase] ?? FALLBACK_COLOR;
}

/** `privilege_escalation` reads "privilege escalation". */
export function phaseLabel(phase: string): string {
  return phase.replaceAll("_", " ");
}

export function statusColor(status: string): string {
  return STATUS_COLORS[status.toLowerCase()] ?? FALLBACK_COLOR;
}
