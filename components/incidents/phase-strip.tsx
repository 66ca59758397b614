import { PhaseBadge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";

import styles from "./phase-strip.module.css";
import type { IncidentDetail } from "./use-incidents";

interface PhaseStep {
  phase: string;
  at: string;
  count: number;
}

/** Groups consecutive signals of one phase, keeping the time of the first. */
function phaseSteps(phases: IncidentDetail["phases"]): PhaseStep[] {
  const steps: PhaseStep[] = [];
  for (const item of phases) {
    const last = steps.at(-1);
    if (last && last.phase === item.phase) {
      last.count += 1;
    } else {
      steps.push({ phase: item.phase, at: item.at, count: 1 });
    }
  }
  return steps;
}

/** The incident's phases in the order they happened. */
export function PhaseStrip({ phases }: { phases: IncidentDetail["phases"] }) {
  const steps = phaseSteps(phases);
  return (
    <ol className={styles.strip} aria-label="Phases in order">
      {steps.map((step, index) => (
        <li key={`${step.phase}-${step.at}`} className={styles.step} data-phase={step.phase}>
          {index > 0 ? (
            <span className={styles.arrow} aria-hidden="true">
              →
            </span>
          ) : null}
          <PhaseBadge phase={step.phase} />
          <span className={styles.time}>{formatUtc(step.at).slice(11)}</span>
          {step.count > 1 ? <span className={styles.count}>×{step.count}</span> : null}
        </li>
      ))}
    </ol>
  );
}
