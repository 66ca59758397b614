import Link from "next/link";

import styles from "./admin.module.css";

/** Tabs between the admin pages; `current` marks the open one. */
export function AdminTabs({ current }: { current: "users" | "tokens" }) {
  return (
    <nav className={styles.tabs} aria-label="Admin">
      <Link href="/admin/users" aria-current={current === "users" ? "page" : undefined}>
        Users
      </Link>
      <Link href="/admin/tokens" aria-current={current === "tokens" ? "page" : undefined}>
        API tokens
      </Link>
    </nav>
  );
}
