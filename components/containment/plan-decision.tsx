"use client";

import { useState } from "react";

import styles from "./containment.module.css";
import { sendJson, useContainmentAction, type ContainmentPlanView, type ContainmentView } from "./use-containment";

interface PlanDecisionProps {
  incidentId: string;
  plan: ContainmentPlanView;
  view: ContainmentView;
}

/** Shows the incident commander's sign-off: approve with a rationale or reject with a reason. */
export function PlanDecision({ incidentId, plan, view }: PlanDecisionProps) {
  const [text, setText] = useState("");
  const decide = useContainmentAction(incidentId, (decision: "approve" | "reject") =>
    sendJson(
      `/api/containment/${plan.id}/${decision}`,
      "POST",
      decision === "approve" ? { rationale: text } : { reason: text },
    ),
  );
  const started = plan.steps.some((step) => step.status === "running" || step.status === "done" || step.status === "failed");
  if (plan.status !== "proposed" && !(plan.status === "approved" && !started)) {
    return null;
  }
  const { viewer, settings } = view;
  const empty = text.trim() === "";
  const approveBlocked =
    plan.status !== "proposed"
      ? null
      : !viewer.canApprove
        ? `The ${viewer.role} role may not approve containment; an incident commander can.`
        : settings.requireDistinctApprover && plan.proposedByViewer
          ? "You proposed this plan, so another incident commander must approve it."
          : empty
            ? "Write the rationale for approving."
            : null;
  const rejectBlocked = !viewer.canApprove
    ? `The ${viewer.role} role may not reject containment.`
    : empty
      ? "Write the reason for rejecting."
      : null;

  return (
    <div className={styles.decision} aria-label="Sign-off">
      <label className={styles.fieldLabel} htmlFor={`decision-${plan.id}`}>
        {plan.status === "proposed" ? "Rationale (approve) or reason (reject)" : "Reason for withdrawing the approved plan"}
      </label>
      <textarea
        id={`decision-${plan.id}`}
        className={styles.textArea}
        rows={2}
        value={text}
        disabled={!viewer.canApprove}
        onChange={(event) => setText(event.target.value)}
      />
      <div className={styles.actions}>
        {plan.status === "proposed" ? (
          <button
            type="button"
            className={styles.primary}
            disabled={approveBlocked !== null || decide.isPending}
            onClick={() => decide.mutate("approve")}
          >
            Approve plan
          </button>
        ) : null}
        <button
          type="button"
          className={styles.danger}
          disabled={rejectBlocked !== null || decide.isPending}
          onClick={() => decide.mutate("reject")}
        >
          {plan.status === "proposed" ? "Reject plan" : "Withdraw plan"}
        </button>
        {approveBlocked ?? rejectBlocked ? <span className={styles.hint}>{approveBlocked ?? rejectBlocked}</span> : null}
        {decide.error ? (
          <span className={styles.error} role="alert">
            {decide.error.message}
          </span>
        ) : null}
      </div>
    </div>
  );
}
