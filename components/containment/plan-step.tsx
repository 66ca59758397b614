"use client";

import { useState } from "react";

import { Badge } from "@/components/badges/badge";

import styles from "./containment.module.css";
import { AttemptSummary, StepDetails } from "./step-details";
import { sendJson, useContainmentAction, type ContainmentPlanView, type ContainmentStepView, type ContainmentView } from "./use-containment";

export const STEP_STATUS_COLORS: Record<string, string> = {
  pending: "#8593a3",
  running: "#e6b73c",
  done: "#3fb950",
  failed: "#ff4d5e",
  skipped: "#5d6a79",
};

interface PlanStepProps {
  incidentId: string;
  plan: ContainmentPlanView;
  step: ContainmentStepView;
  view: ContainmentView;
}

/** Shows one step of a stored plan, with its latest result and the actions the viewer may take on it. */
export function PlanStep({ incidentId, plan, step, view }: PlanStepProps) {
  const latest = step.attempts.at(-1);
  return (
    <li className={styles.step} data-action={step.actionId} data-status={step.status}>
      <div className={styles.stepHeader}>
        <span className={styles.stepNumber}>Step {step.position}</span>
        <Badge color={STEP_STATUS_COLORS[step.status] ?? "#8593a3"}>{step.status}</Badge>
      </div>
      <StepDetails step={step} />
      {latest ? <AttemptSummary attempt={latest} /> : null}
      {plan.status === "approved" && (step.status === "pending" || step.status === "failed" || step.status === "running") ? (
        <StepActions incidentId={incidentId} plan={plan} step={step} view={view} />
      ) : null}
    </li>
  );
}

function StepActions({ incidentId, plan, step, view }: PlanStepProps) {
  const [note, setNote] = useState("");
  const base = `/api/containment/${plan.id}/steps/${step.id}`;
  const act = useContainmentAction(incidentId, (action: "sdk" | "manual" | "skip") =>
    action === "skip"
      ? sendJson(`${base}/skip`, "POST", { reason: note })
      : sendJson(`${base}/execute`, "POST", { mode: action, note: note.trim() || undefined }),
  );
  const earlier = plan.steps.find((other) => other.position < step.position && other.status !== "done" && other.status !== "skipped");
  const sdkBlocked = !view.viewer.canExecute
    ? null
    : step.apiCall === null
      ? "This step is done in the console."
      : !view.execution.available
        ? "No AWS credentials on the server: run the CLI command yourself and mark the step done."
        : earlier
          ? `Step ${earlier.position} runs first.`
          : null;
  if (!view.viewer.canExecute) {
    return <p className={styles.hint}>The {view.viewer.role} role may not execute containment; an incident commander can.</p>;
  }
  const busy = act.isPending || step.status === "running";
  return (
    <div className={styles.stepActions}>
      <input
        className={styles.textInput}
        aria-label={`Note for step ${step.position}`}
        placeholder="Note: what was done, or why the step is skipped"
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <button type="button" disabled={sdkBlocked !== null || busy} onClick={() => act.mutate("sdk")}>
        Run with AWS SDK
      </button>
      <button type="button" className={styles.primary} disabled={busy} onClick={() => act.mutate("manual")}>
        Mark done
      </button>
      <button type="button" disabled={busy || note.trim() === ""} onClick={() => act.mutate("skip")} title="Needs a note giving the reason">
        Skip
      </button>
      {step.status === "running" ? <span className={styles.hint}>Running…</span> : null}
      {sdkBlocked ? <span className={styles.hint}>{sdkBlocked}</span> : null}
      {act.error ? (
        <span className={styles.error} role="alert">
          {act.error.message}
        </span>
      ) : null}
    </div>
  );
}
