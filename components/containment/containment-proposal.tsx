"use client";

import { useState } from "react";

import styles from "./containment.module.css";
import { StepDetails } from "./step-details";
import { sendJson, useContainmentAction, type ContainmentView } from "./use-containment";

interface ContainmentProposalProps {
  incidentId: string;
  preview: NonNullable<ContainmentView["preview"]>;
  viewer: ContainmentView["viewer"];
}

/** Shows the generated plan with a checkbox per step, and the button that proposes it. */
export function ContainmentProposal({ incidentId, preview, viewer }: ContainmentProposalProps) {
  // Action id → reason for leaving the step out; steps not in the map are included.
  const [skipped, setSkipped] = useState<Record<string, string>>({});
  const propose = useContainmentAction(incidentId, (skip: Array<{ actionId: string; reason: string }>) =>
    sendJson(`/api/incidents/${encodeURIComponent(incidentId)}/containment`, "POST", { skip }),
  );
  const skips = Object.entries(skipped).map(([actionId, reason]) => ({ actionId, reason: reason.trim() }));
  const missingReason = skips.some((skip) => skip.reason === "");
  const blocked = !viewer.canPropose
    ? `The ${viewer.role} role may not propose containment; an analyst or incident commander can.`
    : missingReason
      ? "Give a reason for each step left out."
      : skips.length === preview.steps.length
        ? "Keep at least one step."
        : null;

  const toggle = (actionId: string, include: boolean) =>
    setSkipped((current) => {
      const next = { ...current };
      if (include) {
        delete next[actionId];
      } else {
        next[actionId] = "";
      }
      return next;
    });

  return (
    <div className={styles.plan} aria-label="Generated plan">
      <div className={styles.planHeader}>
        <h3>Generated plan</h3>
        <span className={styles.muted}>
          {preview.steps.length} steps for {preview.principal.name ?? preview.principal.key} ({preview.principal.type})
        </span>
      </div>
      {preview.notes.length > 0 ? (
        <ul className={styles.notes}>
          {preview.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <ol className={styles.steps}>
        {preview.steps.map((step, index) => {
          const included = !(step.actionId in skipped);
          return (
            <li key={step.actionId} className={included ? styles.step : `${styles.step} ${styles.excluded}`} data-action={step.actionId}>
              <label className={styles.include}>
                <input
                  type="checkbox"
                  checked={included}
                  disabled={!viewer.canPropose}
                  onChange={(event) => toggle(step.actionId, event.target.checked)}
                />
                Step {index + 1}
              </label>
              <StepDetails step={step} />
              {included ? null : (
                <input
                  className={styles.textInput}
                  aria-label={`Reason for leaving out step ${index + 1}`}
                  placeholder="Reason for leaving this step out"
                  value={skipped[step.actionId]}
                  onChange={(event) => setSkipped((current) => ({ ...current, [step.actionId]: event.target.value }))}
                />
              )}
            </li>
          );
        })}
      </ol>
      <div className={styles.actions}>
        <button type="button" className={styles.primary} disabled={blocked !== null || propose.isPending} onClick={() => propose.mutate(skips)}>
          {propose.isPending ? "Proposing…" : "Propose plan"}
        </button>
        {blocked ? <span className={styles.hint}>{blocked}</span> : null}
        {propose.error ? (
          <span className={styles.error} role="alert">
            {propose.error.message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
