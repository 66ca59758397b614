import type { Phase, Severity } from "@/lib/detect/rules/rule-types";

/** A signal of an incident, as its summary needs it. */
export interface SummarySignal {
  eventTime: Date;
  phase: Phase;
  score: number;
  severity: Severity;
  accessKeyId: string | null;
  accountId: string | null;
}

export interface IncidentSummary {
  title: string;
  severity: Severity;
  score: number;
  accountId: string | null;
  firstSeen: Date;
  lastSeen: Date;
  thresholdCrossedAt: Date | null;
  containedAt: Date | null;
}

const SEVERITY_ORDER: Severity[] = ["low", "medium", "high", "critical"];

const PHASE_LABELS: Record<Phase, string> = {
  detection: "Suspicious activity",
  persistence: "Credential persistence",
  reconnaissance: "Reconnaissance",
  privilege_escalation: "Privilege escalation",
  defense_evasion: "Defense evasion",
  exfiltration: "Data exfiltration",
  containment: "Containment",
};

function worse(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b;
}

/** Severity the score alone earns: high at the threshold, critical at twice it. */
function severityOfScore(score: number, threshold: number): Severity {
  if (score >= 2 * threshold) {
    return "critical";
  }
  if (score >= threshold) {
    return "high";
  }
  return score >= threshold / 2 ? "medium" : "low";
}

/** Labels a signal's stage; a detection that names an access key means stolen credentials in use. */
function labelOf(signal: SummarySignal): string {
  if (signal.phase === "detection" && signal.accessKeyId !== null) {
    return "Access key misuse";
  }
  return PHASE_LABELS[signal.phase];
}

/**
 * Names the first stage seen and the stage that weighs most, such as
 * "Access key misuse and privilege escalation by reports-svc".
 */
function buildTitle(signals: readonly SummarySignal[], principalName: string): string {
  const attack = signals.filter((signal) => signal.phase !== "containment");
  if (attack.length === 0) {
    return `Containment of ${principalName}`;
  }
  const weight = new Map<string, number>();
  for (const signal of attack) {
    weight.set(labelOf(signal), (weight.get(labelOf(signal)) ?? 0) + signal.score);
  }
  const first = labelOf(attack[0]);
  const heaviest = [...weight.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const stages = heaviest === first ? first : `${first} and ${heaviest.toLowerCase()}`;
  return `${stages} by ${principalName}`;
}

/**
 * Summarises an incident from its signals, which must be in event-time
 * order (ties in insertion order) and not empty.
 */
export function summarizeCorrelatedIncident(input: {
  signals: readonly SummarySignal[];
  threshold: number;
  principalName: string;
}): IncidentSummary {
  const { signals, threshold } = input;
  let score = 0;
  let thresholdCrossedAt: Date | null = null;
  let worst: Severity = "low";
  let containedAt: Date | null = null;
  for (const signal of signals) {
    score += signal.score;
    if (thresholdCrossedAt === null && score >= threshold && signal.score > 0) {
      thresholdCrossedAt = signal.eventTime;
    }
    if (signal.phase === "containment") {
      containedAt = signal.eventTime;
    } else {
      worst = worse(worst, signal.severity);
    }
  }
  return {
    title: buildTitle(signals, input.principalName),
    severity: worse(worst, severityOfScore(score, threshold)),
    score,
    accountId: signals.find((signal) => signal.accountId !== null)?.accountId ?? null,
    firstSeen: signals[0].eventTime,
    lastSeen: signals[signals.length - 1].eventTime,
    thresholdCrossedAt,
    containedAt,
  };
}
