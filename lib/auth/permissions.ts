import type { Role } from "./actor";

/**
 * What each role may do. Analysts triage and propose; incident commanders
 * also assign, approve and execute containment; managers read; admins manage
 * users, tokens and settings on top of everything an incident commander does.
 */
const GRANTS = {
  "incident.read": ["analyst", "commander", "manager", "admin"],
  "incident.triage": ["analyst", "commander", "admin"],
  "incident.assign": ["commander", "admin"],
  "checklist.answer": ["analyst", "commander", "admin"],
  "changeWindow.write": ["analyst", "commander", "admin"],
  "containment.propose": ["analyst", "commander", "admin"],
  "containment.approve": ["commander", "admin"],
  "containment.execute": ["commander", "admin"],
  "postmortem.read": ["analyst", "commander", "manager", "admin"],
  "postmortem.edit": ["analyst", "commander", "admin"],
  "metrics.read": ["analyst", "commander", "manager", "admin"],
  "ingest.read": ["analyst", "commander", "manager", "admin"],
  "ingest.write": ["analyst", "commander", "admin"],
  "audit.read": ["analyst", "commander", "manager", "admin"],
  "admin.users": ["admin"],
  "admin.tokens": ["admin"],
  "settings.write": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof GRANTS;

export const PERMISSIONS = Object.keys(GRANTS) as Permission[];

export function hasPermission(role: Role, permission: Permission): boolean {
  return (GRANTS[permission] as readonly Role[]).includes(role);
}
