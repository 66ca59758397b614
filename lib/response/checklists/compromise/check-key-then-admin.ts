import type { Signal } from "@/lib/generated/prisma/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatSpan, formatTime } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";

export const ADMIN_GRANT_RULES = new Set(["iam-attach-administrator-access", "iam-allow-all-policy"]);

function signalLink(signal: Signal, label: string) {
  return { label, href: `/events/${signal.source}/${encodeURIComponent(signal.naturalId)}`, at: signal.eventTime.toISOString() };
}

/** Was a new access key created and then followed by administrator privileges? */
export function checkKeyThenAdmin(context: ChecklistContext): ChecklistItemDraft {
  const created = context.attackSignals.filter((signal) => signal.ruleId === "iam-create-access-key");
  const grants = context.attackSignals.filter((signal) => ADMIN_GRANT_RULES.has(signal.ruleId));
  const pair = created
    .map((key) => ({ key, grant: grants.find((grant) => grant.eventTime.getTime() >= key.eventTime.getTime()) }))
    .find((candidate) => candidate.grant !== undefined);
  const question = "Was a new access key created and then followed by administrator privileges?";
  const facts = [
    ...created.map((signal) => ({
      label: "Access key created",
      value: `${signal.relatedKeyId ?? "unknown key"} at ${formatTime(signal.eventTime)} with ${signal.accessKeyId ?? "no key"}`,
      links: [signalLink(signal, signal.eventName ?? "CreateAccessKey")],
    })),
    ...grants.map((signal) => ({
      label: "Administrator privileges",
      value: `${signal.title} at ${formatTime(signal.eventTime)} with ${signal.accessKeyId ?? "no key"}`,
      links: [signalLink(signal, signal.eventName ?? "grant")],
    })),
  ];
  if (!pair?.grant) {
    return yesNoItem({
      id: "new-key-then-admin",
      question,
      evidence: { facts: facts.length > 0 ? facts : [{ label: "Signals", value: "no access key creation followed by an administrator grant", links: [] }] },
      data: { createdKeys: created.map((signal) => signal.relatedKeyId), grants: grants.length },
      suggested: { value: "no", indicates: "neutral", text: "No: no new access key was followed by administrator privileges." },
      alternative: { indicates: "compromise", text: "Yes: a key created outside these logs was used to gain administrator privileges." },
    });
  }
  const { key, grant } = pair;
  const seconds = Math.round((grant.eventTime.getTime() - key.eventTime.getTime()) / 1000);
  const withNewKey = grant.accessKeyId !== null && grant.accessKeyId === key.relatedKeyId;
  return yesNoItem({
    id: "new-key-then-admin",
    question,
    evidence: { facts },
    data: {
      keyId: key.relatedKeyId,
      createdAt: key.eventTime.toISOString(),
      adminAt: grant.eventTime.toISOString(),
      adminEventName: grant.eventName,
      seconds,
      withNewKey,
    },
    suggested: {
      value: "yes",
      indicates: "compromise",
      text:
        `Yes: ${key.relatedKeyId ?? "a key"} was created at ${formatTime(key.eventTime)} and ${grant.eventName ?? "a grant"} ` +
        `gave administrator privileges at ${formatTime(grant.eventTime)}${withNewKey ? " with that key" : ""}, ` +
        `${formatSpan(seconds * 1000)} later.`,
    },
    alternative: { indicates: "legitimate", text: "No: the key and the grant are separate, planned changes." },
  });
}
