"use client";

import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";

import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc-config";
import { decodeSignInError, describeSignInError } from "@/lib/auth/sign-in-error";

import styles from "./login-form.module.css";

interface LoginFormProps {
  /** Local path to open after signing in. */
  callbackPath: string;
  /** The `error` query value next-auth or a page redirect put in the URL. */
  initialError: string | null;
  ssoEnabled: boolean;
}

function messageFor(code: string | null | undefined): string | null {
  const error = decodeSignInError(code);
  return error ? describeSignInError(error, new Date()) : null;
}

export function LoginForm({ callbackPath, initialError, ssoEnabled }: LoginFormProps) {
  const [error, setError] = useState<string | null>(() => messageFor(initialError));
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full load, so that the layout renders again with the signed-in user.
        window.location.assign(callbackPath);
        return;
      }
      setError(messageFor(result?.error ?? "unknown"));
    } catch {
      setError("Could not reach the server. Check the connection and try again.");
    }
    setPending(false);
  }

  return (
    <div className={styles.page}>
      <form className={styles.card} onSubmit={submit} aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in to Watchfloor</h1>
        {error ? (
          <p className={styles.error} role="alert">
            {error}
          </p>
        ) : null}
        <label className={styles.field}>
          <span>Email</span>
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label className={styles.field}>
          <span>Password</span>
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" className={styles.primary} disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
        {ssoEnabled ? (
          <>
            <div className={styles.divider}>or</div>
            <button
              type="button"
              className={styles.secondary}
              disabled={pending}
              onClick={() => void signIn(OIDC_PROVIDER_ID, { callbackUrl: callbackPath })}
            >
              Sign in with SSO
            </button>
          </>
        ) : null}
      </form>
    </div>
  );
}
