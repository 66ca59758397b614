"use client";

import { useState } from "react";

import styles from "./admin.module.css";

/** Shows a new secret (a generated password or an API token) with a copy button, once. */
export function OneTimeSecret(props: { label: string; value: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className={styles.secret} role="status">
      <p>
        <strong>{props.label}</strong> It is shown only now; Watchfloor stores only a hash of it.
      </p>
      <div className={styles.secretRow}>
        <code data-testid="one-time-secret">{props.value}</code>
        <button
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(props.value).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" onClick={props.onDismiss}>
          Done
        </button>
      </div>
    </div>
  );
}
