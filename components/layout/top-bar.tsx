import Link from "next/link";

import type { Role } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/permissions";

import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";
import styles from "./top-bar.module.css";

export interface TopBarUser {
  email: string;
  name: string | null;
  role: Role;
}

/** Renders the bar above every page, with navigation for the signed-in user's role and the user's name. */
export function TopBar({ user }: { user: TopBarUser | null }) {
  return (
    <header className={styles.bar}>
      <Link href="/" className={styles.brand}>
        <span className={styles.mark} aria-hidden="true" />
        Watchfloor
      </Link>
      {user ? (
        <nav className={styles.nav} aria-label="Main">
          <NavLink href="/" matches={["/", "/incidents", "/events"]}>
            Incidents
          </NavLink>
          <NavLink href="/change-windows" matches={["/change-windows"]}>
            Change windows
          </NavLink>
          <NavLink href="/postmortems" matches={["/postmortems"]}>
            Postmortems
          </NavLink>
          <NavLink href="/metrics" matches={["/metrics"]}>
            Metrics
          </NavLink>
          {hasPermission(user.role, "ingest.read") ? (
            <NavLink href="/ingest" matches={["/ingest", "/coverage"]}>
              Ingest
            </NavLink>
          ) : null}
          {hasPermission(user.role, "admin.users") ? (
            <NavLink href="/admin/users" matches={["/admin"]}>
              Admin
            </NavLink>
          ) : null}
        </nav>
      ) : null}
      <span className={styles.clock} title="Every time on these pages is in UTC">
        All times UTC
      </span>
      {user ? (
        <div className={styles.user} aria-label="Signed in user" role="group">
          <span className={styles.userName} title={user.email}>
            {user.name ?? user.email}
          </span>
          <span className={styles.role} data-role={user.role}>
            {user.role}
          </span>
          <SignOutButton />
        </div>
      ) : null}
    </header>
  );
}
