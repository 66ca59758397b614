import { db } from "@/lib/db/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatTime, listText } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { responderOf, signalLink } from "./find-admin-grants";

export interface KeyState {
  accessKeyId: string;
  lastUsed: string | null;
  disabledAt: string | null;
  disabledBy: string | null;
  usedInIncident: boolean;
}

/** Loads the principal's long-term keys and those of the incident, with any deactivation by a responder. */
export async function loadKeyStates(context: ChecklistContext): Promise<KeyState[]> {
  const owned = await db().accessKey.findMany({
    where: { OR: [{ principalKey: context.principal.key }, { accessKeyId: { in: context.incidentKeys } }] },
    orderBy: { firstSeen: "asc" },
  });
  // Temporary (ASIA…) keys expire on their own within hours; only long-term keys need disabling.
  const longTerm = owned.filter((key) => key.accessKeyId.startsWith("AKIA"));
  return longTerm.map((key) => {
    const disabled = context.containmentSignals.find(
      (signal) => signal.ruleId === "containment-access-key-disabled" && signal.relatedKeyId === key.accessKeyId,
    );
    return {
      accessKeyId: key.accessKeyId,
      lastUsed: key.lastSeen?.toISOString() ?? null,
      disabledAt: disabled?.eventTime.toISOString() ?? null,
      disabledBy: disabled ? responderOf(disabled) : null,
      usedInIncident: context.incidentKeys.includes(key.accessKeyId),
    };
  });
}

/** Can the principal's access keys still sign calls? */
export async function checkAccessKeys(context: ChecklistContext): Promise<ChecklistItemDraft> {
  const keys = await loadKeyStates(context);
  const disabledSignals = context.containmentSignals.filter((signal) => signal.ruleId === "containment-access-key-disabled");
  const facts = keys.map((key) => {
    const signal = disabledSignals.find((candidate) => candidate.relatedKeyId === key.accessKeyId);
    return {
      label: `${key.accessKeyId}${key.usedInIncident ? " (used in the incident)" : ""}`,
      value: key.disabledAt
        ? `deactivated by ${key.disabledBy} at ${formatTime(key.disabledAt)}`
        : `active as far as the logs show; last used ${key.lastUsed ? formatTime(key.lastUsed) : "never"}`,
      links: signal ? [signalLink(signal, signal.eventName ?? "deactivation")] : [],
    };
  });
  const active = keys.filter((key) => key.disabledAt === null);
  const question = "Can the principal's access keys still sign calls?";
  const data = { keys };
  if (keys.length === 0) {
    return yesNoItem({
      id: "access-keys",
      question,
      evidence: { facts: [{ label: "Access keys", value: `no long-term access key of ${context.principal.name} is known`, links: [] }] },
      data,
      suggested: { value: "unknown", indicates: "neutral", text: "Unknown: no long-term access key of this principal is in the logs." },
      alternative: { value: "yes", indicates: "disable", text: "Yes: the principal has an active key these logs do not show." },
    });
  }
  if (active.length > 0) {
    return yesNoItem({
      id: "access-keys",
      question,
      evidence: { facts },
      data,
      suggested: { value: "yes", indicates: "disable", text: `Yes: ${listText(active.map((key) => key.accessKeyId))} ${active.length === 1 ? "is" : "are"} still active.` },
      alternative: { indicates: "wait", text: "No: the keys were deactivated outside these logs." },
    });
  }
  const times = keys.map((key) => `${key.accessKeyId} at ${formatTime(key.disabledAt ?? "")}`);
  return yesNoItem({
    id: "access-keys",
    question,
    evidence: { facts },
    data,
    suggested: { value: "no", indicates: "wait", text: `No: every key was deactivated: ${listText(times)}.` },
    alternative: { indicates: "disable", text: "Yes: a key was reactivated, or another key exists." },
  });
}
