import { formatUtc } from "@/components/format/format-utc";
import type { ApiCall, StepRollback } from "@/lib/response/containment/containment-types";
import type { IamCallRecord, StepAttempt } from "@/lib/response/containment/step-result";

import styles from "./containment.module.css";
import { CopyButton } from "./copy-button";

export interface StepContent {
  actionId: string;
  description: string;
  cliCommand: string | null;
  apiCall: ApiCall | null;
  instructions: string[];
  rollback: StepRollback;
}

/** Shows a step's description, CLI command, API call, console instructions and rollback. */
export function StepDetails({ step }: { step: StepContent }) {
  return (
    <div className={styles.stepBody}>
      <p className={styles.description}>{step.description}</p>
      {step.instructions.length > 0 ? (
        <ol className={styles.instructions} aria-label="Console instructions">
          {step.instructions.map((instruction) => (
            <li key={instruction}>{instruction}</li>
          ))}
        </ol>
      ) : null}
      <CommandBlock label="AWS CLI" command={step.cliCommand} />
      <div className={styles.apiCall}>
        <span className={styles.fieldLabel}>API call</span>
        {step.apiCall ? (
          <code className={styles.inlineCode}>
            iam:{step.apiCall.name} {JSON.stringify(step.apiCall.input)}
          </code>
        ) : (
          <span className={styles.muted}>none: a person does this step in the console and marks it done</span>
        )}
      </div>
      <details className={styles.rollback}>
        <summary>Rollback</summary>
        <p>{step.rollback.description}</p>
        <CommandBlock label="Rollback CLI" command={step.rollback.cliCommand} />
        {step.rollback.apiCall ? (
          <code className={styles.inlineCode}>
            iam:{step.rollback.apiCall.name} {JSON.stringify(step.rollback.apiCall.input)}
          </code>
        ) : null}
      </details>
    </div>
  );
}

function CommandBlock({ label, command }: { label: string; command: string | null }) {
  if (!command) {
    return null;
  }
  return (
    <div className={styles.command}>
      <span className={styles.fieldLabel}>{label}</span>
      <pre className={styles.commandText}>{command}</pre>
      <CopyButton text={command} label={`Copy ${label} command`} />
    </div>
  );
}

/** Shows the latest attempt at a step: who made it, the check's verdict and the IAM requests with their ids. */
export function AttemptSummary({ attempt }: { attempt: StepAttempt }) {
  return (
    <div className={styles.attempt} data-outcome={attempt.outcome}>
      <div>
        <strong>{attemptTitle(attempt)}</strong> by {attempt.by} at <span className="mono">{formatUtc(attempt.at)}</span> UTC
      </div>
      {attempt.note ? <div className={styles.note}>{attempt.note}</div> : null}
      {attempt.dryRun ? (
        <div>
          Check ({attempt.dryRun.verdict.replace("_", " ")}): {attempt.dryRun.message}
          <CallList calls={attempt.dryRun.calls} />
        </div>
      ) : null}
      {attempt.call ? <CallList calls={[attempt.call]} /> : null}
    </div>
  );
}

function attemptTitle(attempt: StepAttempt): string {
  if (attempt.mode === "skipped") {
    return "Skipped";
  }
  if (attempt.mode === "manual") {
    return "Marked done by hand";
  }
  const outcomes = { running: "running", done: "done", already_applied: "already in place", failed: "failed", skipped: "skipped" };
  return `AWS SDK: ${outcomes[attempt.outcome]}`;
}

function CallList({ calls }: { calls: IamCallRecord[] }) {
  return (
    <ul className={styles.calls}>
      {calls.map((call, index) => (
        <li key={`${call.operation}-${index}`} className="mono">
          {call.operation} · request {call.requestId ?? "none"}
          {call.errorCode ? ` · ${call.errorCode}: ${call.errorMessage ?? ""}` : " · ok"}
        </li>
      ))}
    </ul>
  );
}
