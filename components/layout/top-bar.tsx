import Link from "next/link";

import { NavLink } from "./nav-link";
import styles from "./top-bar.module.css";

export function TopBar() {
  return (
    <header className={styles.bar}>
      <Link href="/" className={styles.brand}>
        <span className={styles.mark} aria-hidden="true" />
        Watchfloor
      </Link>
      <nav className={styles.nav} aria-label="Main">
        <NavLink href="/" matches={["/", "/incidents", "/events"]}>
          Incidents
        </NavLink>
        <NavLink href="/postmortems" matches={["/postmortems"]}>
          Postmortems
        </NavLink>
        <NavLink href="/metrics" matches={["/metrics"]}>
          Metrics
        </NavLink>
      </nav>
      <span className={styles.clock} title="Every time on these pages is in UTC">
        All times UTC
      </span>
    </header>
  );
}
