"use client";

import { useState } from "react";

import { formatUtc } from "@/components/format/format-utc";

import styles from "./containment.module.css";
import { ContainmentProposal } from "./containment-proposal";
import { PlanCard } from "./plan-card";
import { sendJson, useContainment, useContainmentAction, type ContainmentView } from "./use-containment";

/** Shows the incident page's Containment section: the generated plan, the stored plans and the containment times. */
export function ContainmentPanel({ incidentId }: { incidentId: string }) {
  const query = useContainment(incidentId);
  const view = query.data;
  return (
    <section className={styles.section} aria-label="Containment">
      <div className={styles.sectionHeading}>
        <h2>Containment</h2>
        {view ? <ExecutionStatus view={view} /> : null}
      </div>
      {query.error && !view ? (
        <p className={styles.error} role="alert">
          Containment could not be loaded: {query.error.message}
        </p>
      ) : null}
      {view ? <ContainmentBody incidentId={incidentId} view={view} /> : query.isPending ? <p className={styles.muted}>Loading…</p> : null}
    </section>
  );
}

function ContainmentBody({ incidentId, view }: { incidentId: string; view: ContainmentView }) {
  // A rejected plan moves under "Earlier plans", below the plan that would replace it.
  const [latest] = view.plans;
  const active = latest && latest.status !== "rejected" ? latest : null;
  const earlier = active ? view.plans.slice(1) : view.plans;
  const completed = view.plans.find((plan) => plan.completedAt !== null);
  return (
    <>
      <dl className={styles.times}>
        <div className={styles.fact}>
          <dt>Incident contained (UTC)</dt>
          <dd className="mono" data-testid="incident-contained-at">
            {view.incident.containedAt ? formatUtc(view.incident.containedAt) : "not contained"}
          </dd>
        </div>
        <div className={styles.fact}>
          <dt>Plan completed (UTC)</dt>
          <dd className="mono">{completed?.completedAt ? formatUtc(completed.completedAt) : "no completed plan"}</dd>
        </div>
        <SettingsToggle incidentId={incidentId} view={view} />
      </dl>
      {active ? <PlanCard incidentId={incidentId} plan={active} view={view} /> : null}
      {view.preview && active?.status === "completed" ? (
        <details className={styles.older}>
          <summary>Propose another plan ({view.preview.steps.length} steps generated from the current logs)</summary>
          <ContainmentProposal incidentId={incidentId} preview={view.preview} viewer={view.viewer} />
        </details>
      ) : view.preview ? (
        <ContainmentProposal incidentId={incidentId} preview={view.preview} viewer={view.viewer} />
      ) : null}
      {earlier.length > 0 ? (
        <details className={styles.older}>
          <summary>Earlier plans ({earlier.length})</summary>
          {earlier.map((plan) => (
            <PlanCard key={plan.id} incidentId={incidentId} plan={plan} view={view} />
          ))}
        </details>
      ) : null}
    </>
  );
}

function ExecutionStatus({ view }: { view: ContainmentView }) {
  const { execution } = view;
  return (
    <span className={styles.muted} title={execution.reason ?? undefined}>
      {execution.available ? `AWS SDK execution available (credentials: ${execution.source})` : "Manual execution: no AWS credentials on the server"}
    </span>
  );
}

function SettingsToggle({ incidentId, view }: { incidentId: string; view: ContainmentView }) {
  const update = useContainmentAction(incidentId, (requireDistinctApprover: boolean) =>
    sendJson("/api/containment/settings", "PUT", { requireDistinctApprover }),
  );
  // The box shows the requested value until the server's response is refetched.
  const [requested, setRequested] = useState<boolean | null>(null);
  const value = requested ?? view.settings.requireDistinctApprover;
  const change = (next: boolean) => {
    setRequested(next);
    update.mutate(next, { onSettled: () => setRequested(null) });
  };
  return (
    <div className={styles.fact}>
      <dt>Sign-off</dt>
      <dd>
        <label className={styles.toggle} title={view.viewer.canChangeSettings ? undefined : "Only an administrator can change this setting."}>
          <input
            type="checkbox"
            checked={value}
            disabled={!view.viewer.canChangeSettings || update.isPending}
            onChange={(event) => change(event.target.checked)}
          />
          Approver must differ from proposer
        </label>
        {update.error ? (
          <span className={styles.error} role="alert">
            {update.error.message}
          </span>
        ) : null}
      </dd>
    </div>
  );
}
