"use client";

import { useState, type FormEvent } from "react";

import { formatUtc } from "@/components/format/format-utc";
import { ROLES, type Role } from "@/lib/auth/actor";
import type { ApiTokenSummary } from "@/lib/auth/api-token-summary";

import { AdminTabs } from "./admin-tabs";
import styles from "./admin.module.css";
import { OneTimeSecret } from "./one-time-secret";
import { useCreateToken, useRevokeToken, useTokens } from "./use-admin";

/** Renders the /admin/tokens page: API tokens with revoke buttons, and a form that creates one and shows it once. */
export function TokensAdmin({ initialTokens }: { initialTokens: ApiTokenSummary[] }) {
  const tokens = useTokens(initialTokens);
  const revoke = useRevokeToken();
  return (
    <section className={styles.page}>
      <AdminTabs current="tokens" />
      <div className={styles.heading}>
        <h1>API tokens</h1>
        <span className={styles.count}>{tokens.data.filter((token) => !token.revokedAt).length}</span>
      </div>
      <p className={styles.muted}>
        Scripts send a token as <code>Authorization: Bearer wf_…</code> and act with its role.
      </p>
      {revoke.error ? (
        <p className={styles.error} role="alert">
          {revoke.error.message}
        </p>
      ) : null}
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="API tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Prefix</th>
              <th>Role</th>
              <th>Created (UTC)</th>
              <th>Last used (UTC)</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.length === 0 ? (
              <tr>
                <td colSpan={6} className={styles.muted}>
                  No API tokens yet.
                </td>
              </tr>
            ) : null}
            {tokens.data.map((token) => (
              <TokenRow
                key={token.id}
                token={token}
                pending={revoke.isPending && revoke.variables === token.id}
                onRevoke={() => revoke.mutate(token.id)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <CreateTokenForm />
    </section>
  );
}

function TokenRow(props: { token: ApiTokenSummary; pending: boolean; onRevoke: () => void }) {
  const { token } = props;
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-token-name={token.name} data-revoked={token.revokedAt !== null}>
      <td className={styles.strong}>{token.name}</td>
      <td className={styles.mono}>{token.prefix}…</td>
      <td>{token.role}</td>
      <td className={styles.mono}>{formatUtc(token.createdAt)}</td>
      <td className={styles.mono}>{token.lastUsedAt ? formatUtc(token.lastUsedAt) : "never"}</td>
      <td>
        {token.revokedAt ? (
          <span className={styles.stateOff}>revoked {formatUtc(token.revokedAt)}</span>
        ) : confirming ? (
          <>
            <button type="button" className={styles.danger} disabled={props.pending} onClick={props.onRevoke}>
              Confirm revoke
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <span className={styles.stateOn}>active</span>{" "}
            <button type="button" onClick={() => setConfirming(true)}>
              Revoke
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

function CreateTokenForm() {
  const create = useCreateToken();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    create.mutate(
      { name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "manager") as Role },
      {
        onSuccess: (result) => {
          setCreated({ name: result.name, token: result.token });
          formElement.reset();
        },
      },
    );
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Create API token">
      <h2>Create API token</h2>
      {create.error ? (
        <p className={styles.error} role="alert">
          {create.error.message}
        </p>
      ) : null}
      {created ? (
        <OneTimeSecret label={`Token "${created.name}".`} value={created.token} onDismiss={() => setCreated(null)} />
      ) : null}
      <div className={styles.fields}>
        <label>
          <span>Name</span>
          <input name="name" type="text" required maxLength={100} placeholder="what uses it, e.g. SIEM export" />
        </label>
        <label>
          <span>Role</span>
          <select name="role" defaultValue="manager" aria-label="Role">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={styles.primary} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}
