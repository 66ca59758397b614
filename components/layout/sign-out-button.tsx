"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

import styles from "./top-bar.module.css";

/** Ends the session (next-auth clears the cookie) and opens the sign-in page. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={styles.signOut}
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signOut({ callbackUrl: "/login" });
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
