/**
 * Codes that reach the sign-in page in next-auth's `error` value. next-auth
 * passes the message of an error thrown in `authorize` through unchanged, so
 * the message is a code, never prose: `rate_limited:<scope>:<retry ms>`,
 * `disabled`, or one of next-auth's own codes such as `CredentialsSignin`.
 * This module has no server imports so that the sign-in form can use it.
 */
export type SignInErrorCode =
  | { code: "invalid_credentials" }
  | { code: "disabled" }
  | { code: "rate_limited"; scope: "email" | "address"; retryAt: Date }
  | { code: "sso_no_user" }
  | { code: "sso_failed" }
  | { code: "session_ended" }
  | { code: "unknown" };

export function encodeRateLimited(scope: "email" | "address", retryAt: Date): string {
  return `rate_limited:${scope}:${retryAt.getTime()}`;
}

/** Reads the `error` value of a failed sign-in; null when there is none. */
export function decodeSignInError(value: string | null | undefined): SignInErrorCode | null {
  if (!value) {
    return null;
  }
  const [code, scope, retryMs] = value.split(":");
  switch (code) {
    case "CredentialsSignin":
      return { code: "invalid_credentials" };
    case "disabled":
    case "sso_no_user":
    case "session_ended":
      return { code };
    case "rate_limited":
      return scope === "email" || scope === "address"
        ? { code, scope, retryAt: new Date(Number(retryMs)) }
        : { code: "unknown" };
    case "OAuthSignin":
    case "OAuthCallback":
    case "OAuthAccountNotLinked":
    case "Callback":
    case "AccessDenied":
      return { code: "sso_failed" };
    default:
      return { code: "unknown" };
  }
}

/** Returns the message the sign-in page shows for an error, with retry times in UTC. */
export function describeSignInError(error: SignInErrorCode, now: Date): string {
  switch (error.code) {
    case "invalid_credentials":
      return "Wrong email or password.";
    case "disabled":
      return "This account is disabled. Ask a Watchfloor admin to enable it.";
    case "rate_limited":
      return describeRateLimit(error.scope, error.retryAt, now);
    case "sso_no_user":
      return "Your SSO account has no Watchfloor user. Ask a Watchfloor admin to add your email address.";
    case "sso_failed":
      return "Sign-in through SSO failed. Try again, or sign in with email and password.";
    case "session_ended":
      return "Your session has ended. Sign in again.";
    case "unknown":
      return "Sign-in failed. Try again.";
  }
}

function describeRateLimit(scope: "email" | "address", retryAt: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  // Rounded up to the minute, so that trying at the time shown always works.
  const time = new Date(Math.ceil(retryAt.getTime() / 60_000) * 60_000).toISOString().slice(11, 16);
  const subject = scope === "email" ? "for this email" : "from your network address";
  return (
    `Too many failed sign-in attempts ${subject}. ` +
    `Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, after ${time} UTC.`
  );
}
