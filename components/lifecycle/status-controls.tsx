"use client";

import { type FormEvent, useState } from "react";

import type { IncidentDetail } from "@/components/incidents/use-incidents";
import { formatUtc } from "@/components/format/format-utc";
import controls from "@/components/forms/form-controls.module.css";
import { useViewerPermission } from "@/components/providers/viewer-provider";

import styles from "./status-controls.module.css";
import { useCommanders, useLifecycleMutations } from "./use-lifecycle";

const ACTION_LABELS: Record<string, string> = {
  triage: "Start triage",
  confirmed: "Escalate…",
  contained: "Mark contained",
  resolved: "Mark resolved",
  closed: "Close",
};

/** The incident's lifecycle: each step with its time and actor, and buttons for the statuses allowed next. */
export function StatusControls({ incident }: { incident: IncidentDetail }) {
  const { lifecycle } = incident;
  const [picking, setPicking] = useState(false);
  const { changeStatus, escalate } = useLifecycleMutations(incident.id);
  const error = changeStatus.error ?? escalate.error;
  const busy = changeStatus.isPending || escalate.isPending;
  const viewer = useViewerPermission("incident.triage");
  const allowedNext = viewer.allowed ? lifecycle.allowedNext : [];
  return (
    <section className={styles.bar} aria-label="Lifecycle">
      <ol className={styles.steps}>
        <li className={styles.step} data-reached="true">
          <span className={styles.stepName}>new</span>
          <span className={styles.stepTime}>{formatUtc(incident.firstSeen)}</span>
        </li>
        {lifecycle.steps.map((step) => (
          <li key={step.status} className={styles.step} data-reached={step.at ? "true" : "false"} data-current={lifecycle.status === step.status ? "true" : undefined}>
            <span className={styles.stepName}>{step.status}</span>
            <span className={styles.stepTime}>{step.at ? formatUtc(step.at) : "—"}</span>
            {step.at ? (
              <span className={styles.stepActor} title={step.actor ? undefined : "Time read from the CloudTrail logs"}>
                {step.actor ?? "from the logs"}
              </span>
            ) : null}
          </li>
        ))}
      </ol>
      <div className={styles.actions}>
        <span className={styles.status}>
          Status <strong data-testid="incident-status">{lifecycle.status}</strong>
          {lifecycle.commander ? (
            <>
              {" · "}commander <strong>{lifecycle.commander.name ?? lifecycle.commander.email}</strong>
            </>
          ) : null}
        </span>
        {!viewer.allowed && viewer.role !== null && lifecycle.allowedNext.length > 0 ? (
          <span className={styles.readOnly} title="An analyst or incident commander changes the status.">Read-only for the {viewer.role} role</span>
        ) : null}
        {allowedNext.map((status) => (
          <button
            key={status}
            type="button"
            className={status === "confirmed" ? `${controls.button} ${controls.primary}` : controls.button}
            disabled={busy}
            onClick={() => (status === "confirmed" ? setPicking(true) : changeStatus.mutate(status))}
          >
            {ACTION_LABELS[status] ?? status}
          </button>
        ))}
      </div>
      {picking ? <CommanderPicker busy={busy} onCancel={() => setPicking(false)} onPick={(id) => escalate.mutate(id, { onSuccess: () => setPicking(false) })} /> : null}
      {error ? (
        <p className={controls.error} role="alert">
          {error.message}
        </p>
      ) : null}
    </section>
  );
}

function CommanderPicker(props: { busy: boolean; onPick: (commanderId: string) => void; onCancel: () => void }) {
  const commanders = useCommanders(true);
  const [commanderId, setCommanderId] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (commanderId) {
      props.onPick(commanderId);
    }
  };
  const options = commanders.data ?? [];
  let placeholder = "Choose…";
  if (commanders.isLoading) {
    placeholder = "Loading…";
  } else if (options.length === 0) {
    placeholder = "No user has the commander role";
  }
  return (
    <form className={styles.picker} onSubmit={submit} aria-label="Escalate to an incident commander">
      <label className={styles.pickerLabel}>
        Incident commander
        <select className={controls.select} value={commanderId} onChange={(event) => setCommanderId(event.target.value)} required>
          <option value="">{placeholder}</option>
          {options.map((commander) => (
            <option key={commander.id} value={commander.id}>
              {commander.name ? `${commander.name} (${commander.email})` : commander.email}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={`${controls.button} ${controls.primary}`} disabled={props.busy || !commanderId}>
        Escalate
      </button>
      <button type="button" className={controls.button} onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}
