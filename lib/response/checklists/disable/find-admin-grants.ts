import type { Signal } from "@/lib/generated/prisma/client";

import { ADMIN_GRANT_RULES } from "../compromise/check-key-then-admin";
import type { ChecklistContext } from "../load-checklist-context";

/** Rules whose signals mean a responder took a policy away from the principal. */
const REMOVAL_RULES = new Set(["containment-user-policy-removed", "containment-deny-all-policy"]);

export interface AdminGrant {
  grant: Signal;
  /** The first removal by a responder after the grant, or null while it is held. */
  removal: Signal | null;
}

/** Pairs each administrator grant to the principal with the first removal after it. */
export function findAdminGrants(context: ChecklistContext): AdminGrant[] {
  const subject = context.principal.key;
  const grants = context.attackSignals.filter(
    (signal) => ADMIN_GRANT_RULES.has(signal.ruleId) && (signal.subjectKey ?? signal.principalKey) === subject,
  );
  const removals = context.containmentSignals.filter(
    (signal) => REMOVAL_RULES.has(signal.ruleId) && signal.subjectKey === subject,
  );
  return grants.map((grant) => ({
    grant,
    removal: removals.find((removal) => removal.eventTime.getTime() >= grant.eventTime.getTime()) ?? null,
  }));
}

export function signalLink(signal: Signal, label: string) {
  return { label, href: `/events/${signal.source}/${encodeURIComponent(signal.naturalId)}`, at: signal.eventTime.toISOString() };
}

/** Responder named in a containment signal's details. */
export function responderOf(signal: Signal): string {
  const details = signal.details as Record<string, unknown> | null;
  return typeof details?.responder === "string" ? details.responder : signal.principalKey;
}
