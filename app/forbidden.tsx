import Link from "next/link";

import styles from "./not-found.module.css";

export const metadata = { title: "Not allowed" };

/** Rendered with HTTP 403 when a page calls `forbidden()` for a role that may not see it. */
export default function Forbidden() {
  return (
    <div className={styles.box} role="alert">
      <h1>Not allowed</h1>
      <p>Your role may not open this page. Ask a Watchfloor admin if you need access.</p>
      <Link href="/">Back to incidents</Link>
    </div>
  );
}
