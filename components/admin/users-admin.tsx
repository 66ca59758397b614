"use client";

import { useState } from "react";

import { formatUtc } from "@/components/format/format-utc";
import { ROLES, type Role } from "@/lib/auth/actor";
import type { UserSummary } from "@/lib/auth/user-summary";

import { AdminTabs } from "./admin-tabs";
import styles from "./admin.module.css";
import { AddUserForm } from "./add-user-form";
import { useUpdateUser, useUsers } from "./use-admin";

interface UsersAdminProps {
  initialUsers: UserSummary[];
  currentUserId: string;
  ssoEnabled: boolean;
}

/** Renders the /admin/users page: every user with role and state controls, and a form to add one. */
export function UsersAdmin({ initialUsers, currentUserId, ssoEnabled }: UsersAdminProps) {
  const users = useUsers(initialUsers);
  const update = useUpdateUser();
  return (
    <section className={styles.page}>
      <AdminTabs current="users" />
      <div className={styles.heading}>
        <h1>Users</h1>
        <span className={styles.count}>{users.data.length}</span>
      </div>
      {update.error ? (
        <p className={styles.error} role="alert">
          {update.error.message}
        </p>
      ) : null}
      <div className={styles.tableWrap}>
        <table className={styles.table} aria-label="Users">
          <thead>
            <tr>
              <th>Email</th>
              <th>Name</th>
              <th>Role</th>
              <th>State</th>
              <th>Sign-in</th>
              <th>Last sign-in (UTC)</th>
              <th>Created (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isCurrent={user.id === currentUserId}
                pending={update.isPending && update.variables?.id === user.id}
                onChange={(change) => update.mutate({ id: user.id, change })}
              />
            ))}
          </tbody>
        </table>
      </div>
      <AddUserForm ssoEnabled={ssoEnabled} />
    </section>
  );
}

interface UserRowProps {
  user: UserSummary;
  isCurrent: boolean;
  pending: boolean;
  onChange: (change: { role: Role } | { disabled: boolean }) => void;
}

function UserRow({ user, isCurrent, pending, onChange }: UserRowProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <tr data-user-email={user.email} data-disabled={user.disabled}>
      <td className={styles.strong}>
        {user.email}
        {isCurrent ? <span className={styles.you}>you</span> : null}
      </td>
      <td>{user.name ?? "—"}</td>
      <td>
        <select
          aria-label={`Role of ${user.email}`}
          value={user.role}
          disabled={pending}
          onChange={(event) => onChange({ role: event.target.value as Role })}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {role}
            </option>
          ))}
        </select>
      </td>
      <td>
        <span className={user.disabled ? styles.stateOff : styles.stateOn}>{user.disabled ? "disabled" : "enabled"}</span>{" "}
        {confirming ? (
          <>
            <button
              type="button"
              className={styles.danger}
              disabled={pending}
              onClick={() => {
                setConfirming(false);
                onChange({ disabled: true });
              }}
            >
              Confirm disable
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <button
            type="button"
            disabled={pending}
            onClick={() => (user.disabled ? onChange({ disabled: false }) : setConfirming(true))}
          >
            {user.disabled ? "Enable" : "Disable"}
          </button>
        )}
      </td>
      <td className={styles.muted}>{user.hasPassword ? "password" : "SSO only"}</td>
      <td className={styles.mono}>{user.lastLoginAt ? formatUtc(user.lastLoginAt) : "never"}</td>
      <td className={styles.mono}>{formatUtc(user.createdAt)}</td>
    </tr>
  );
}
