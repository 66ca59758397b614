export const ROLES = ["analyst", "commander", "manager", "admin"] as const;

export type Role = (typeof ROLES)[number];

/** Who performs an action: a signed-in user, an API token, or Watchfloor itself. */
export interface Actor {
  type: "user" | "token" | "system";
  /** users.id or api_tokens.id; null for the system. */
  id: string | null;
  /** Shown in the audit trail and on the timeline: an email, a token name, or "system". */
  label: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "system", role: "admin" };

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
