import Link from "next/link";

import styles from "./not-found.module.css";

export default function NotFound() {
  return (
    <div className={styles.box}>
      <h1>Not found</h1>
      <p>Nothing is stored at this address. The incident or record may have been removed, or the link is wrong.</p>
      <Link href="/">Back to incidents</Link>
    </div>
  );
}
