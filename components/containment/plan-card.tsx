"use client";

import type { ReactNode } from "react";

import { Badge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";

import styles from "./containment.module.css";
import { PlanDecision } from "./plan-decision";
import { PlanStep } from "./plan-step";
import { sendJson, useContainmentAction, type ContainmentPlanView, type ContainmentView } from "./use-containment";

export const PLAN_STATUS_COLORS: Record<string, string> = {
  proposed: "#4ea1ff",
  approved: "#e6b73c",
  rejected: "#ff4d5e",
  completed: "#3fb950",
};

interface PlanCardProps {
  incidentId: string;
  plan: ContainmentPlanView;
  view: ContainmentView;
}

/** Shows a stored plan: who proposed and signed it off, its steps and their results. */
export function PlanCard({ incidentId, plan, view }: PlanCardProps) {
  return (
    <div className={styles.plan} aria-label={`Containment plan ${plan.status}`} data-plan-status={plan.status}>
      <div className={styles.planHeader}>
        <Badge color={PLAN_STATUS_COLORS[plan.status] ?? "#8593a3"}>{plan.status}</Badge>
        <h3>Plan for {plan.principalKey}</h3>
      </div>
      <dl className={styles.planFacts}>
        <Fact label="Proposed (UTC)">
          {plan.proposedBy} · <span className={`mono ${styles.time}`}>{formatUtc(plan.proposedAt)}</span>
        </Fact>
        {plan.approvedBy && plan.approvedAt ? (
          <Fact label="Approved (UTC)">
            {plan.approvedBy} · <span className={`mono ${styles.time}`}>{formatUtc(plan.approvedAt)}</span>
          </Fact>
        ) : null}
        {plan.rejectedBy && plan.rejectedAt ? (
          <Fact label="Rejected (UTC)">
            {plan.rejectedBy} · <span className={`mono ${styles.time}`}>{formatUtc(plan.rejectedAt)}</span>
          </Fact>
        ) : null}
        {plan.rationale ? <Fact label={plan.status === "rejected" ? "Reason" : "Rationale"}>{plan.rationale}</Fact> : null}
        {plan.completedAt ? (
          <Fact label="Completed (UTC)">
            <span className="mono" data-testid="plan-completed-at">
              {formatUtc(plan.completedAt)}
            </span>
          </Fact>
        ) : null}
      </dl>
      {plan.notes.length > 0 ? (
        <ul className={styles.notes}>
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
      <PlanDecision incidentId={incidentId} plan={plan} view={view} />
      {plan.status === "approved" ? <RunAll incidentId={incidentId} plan={plan} view={view} /> : null}
      {plan.status === "completed" || plan.status === "rejected" ? (
        <details className={styles.older}>
          <summary>
            Steps ({plan.steps.filter((step) => step.status === "done").length} done,{" "}
            {plan.steps.filter((step) => step.status === "skipped").length} skipped, {plan.steps.length} in all)
          </summary>
          <PlanSteps incidentId={incidentId} plan={plan} view={view} />
        </details>
      ) : (
        <PlanSteps incidentId={incidentId} plan={plan} view={view} />
      )}
    </div>
  );
}

function PlanSteps({ incidentId, plan, view }: PlanCardProps) {
  return (
    <ol className={styles.steps}>
      {plan.steps.map((step) => (
        <PlanStep key={step.id} incidentId={incidentId} plan={plan} step={step} view={view} />
      ))}
    </ol>
  );
}

function RunAll({ incidentId, plan, view }: PlanCardProps) {
  const run = useContainmentAction(incidentId, () => sendJson(`/api/containment/${plan.id}/execute`, "POST", {}));
  const blocked = !view.viewer.canExecute
    ? `The ${view.viewer.role} role may not execute containment.`
    : !view.execution.available
      ? view.execution.reason
      : null;
  return (
    <div className={styles.actions}>
      <button type="button" disabled={blocked !== null || run.isPending} onClick={() => run.mutate()}>
        {run.isPending ? "Running…" : "Run open steps with the AWS SDK"}
      </button>
      {blocked ? <span className={styles.hint}>{blocked}</span> : null}
      {run.error ? (
        <span className={styles.error} role="alert">
          {run.error.message}
        </span>
      ) : null}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className={styles.fact}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
