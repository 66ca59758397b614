"use client";

import { useState, type FormEvent } from "react";

import { MIN_PASSWORD_LENGTH } from "@/lib/auth/auth-schemas";
import { ROLES } from "@/lib/auth/actor";

import styles from "./admin.module.css";
import { OneTimeSecret } from "./one-time-secret";
import { useCreateUser } from "./use-admin";

type PasswordMode = "generate" | "set" | "sso";

/** Adds a user; a generated password is shown once below the form. */
export function AddUserForm({ ssoEnabled }: { ssoEnabled: boolean }) {
  const create = useCreateUser();
  const [mode, setMode] = useState<PasswordMode>("generate");
  const [created, setCreated] = useState<{ email: string; password: string | null } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = String(form.get("name") ?? "").trim();
    create.mutate(
      {
        email: String(form.get("email") ?? ""),
        name: name === "" ? null : name,
        role: String(form.get("role") ?? "analyst") as (typeof ROLES)[number],
        password: mode === "set" ? String(form.get("password") ?? "") : undefined,
        ssoOnly: mode === "sso" ? true : undefined,
      },
      {
        onSuccess: (result) => {
          setCreated({ email: result.user.email, password: result.generatedPassword });
          formElement.reset();
          setMode("generate");
        },
      },
    );
  }

  return (
    <form className={styles.form} onSubmit={submit} aria-label="Add user">
      <h2>Add user</h2>
      {create.error ? (
        <p className={styles.error} role="alert">
          {create.error.message}
        </p>
      ) : null}
      {created ? (
        created.password ? (
          <OneTimeSecret label={`Password for ${created.email}.`} value={created.password} onDismiss={() => setCreated(null)} />
        ) : (
          <p className={styles.notice} role="status">
            Added {created.email}.
          </p>
        )
      ) : null}
      <div className={styles.fields}>
        <label>
          <span>Email</span>
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label>
          <span>Name</span>
          <input name="name" type="text" autoComplete="off" />
        </label>
        <label>
          <span>Role</span>
          <select name="role" defaultValue="analyst" aria-label="Role">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Password</span>
          <select aria-label="Password" value={mode} onChange={(event) => setMode(event.target.value as PasswordMode)}>
            <option value="generate">generate one</option>
            <option value="set">set one now</option>
            {ssoEnabled ? <option value="sso">none (SSO only)</option> : null}
          </select>
        </label>
        {mode === "set" ? (
          <label>
            <span>New password</span>
            <input name="password" type="password" minLength={MIN_PASSWORD_LENGTH} required autoComplete="new-password" />
          </label>
        ) : null}
        <button type="submit" className={styles.primary} disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add user"}
        </button>
      </div>
    </form>
  );
}
