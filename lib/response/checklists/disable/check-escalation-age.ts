import { db } from "@/lib/db/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatSpan, formatTime, plural } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { findAdminGrants, signalLink } from "./find-admin-grants";

/** How long has the privilege escalation been in effect, and how many calls came after it? */
/** `reach` is what the principal can reach, as text: `every service` or `7 services`. */
export async function checkEscalationAge(context: ChecklistContext, reach: string): Promise<ChecklistItemDraft> {
  const escalation = context.attackSignals.find((signal) => signal.phase === "privilege_escalation");
  const question = "Is the privilege escalation still in effect?";
  if (!escalation) {
    return yesNoItem({
      id: "escalation-age",
      question,
      evidence: { facts: [{ label: "Privilege escalation", value: "no privilege escalation signal", links: [] }] },
      data: { escalatedAt: null },
      suggested: { value: "no", indicates: "neutral", text: "No: the incident has no privilege escalation signal." },
      alternative: { indicates: "disable", text: "Yes: privileges were escalated in a way no rule detected." },
    });
  }
  const subject = escalation.subjectKey ?? escalation.principalKey;
  if (subject !== context.principal.key) {
    return yesNoItem({
      id: "escalation-age",
      question,
      evidence: { facts: [{ label: "Escalation", value: `${escalation.title} at ${formatTime(escalation.eventTime)}`, links: [signalLink(escalation, escalation.eventName ?? "escalation")] }] },
      data: { escalatedAt: escalation.eventTime.toISOString(), subject },
      suggested: {
        value: "no",
        indicates: "neutral",
        text: `No: the escalation at ${formatTime(escalation.eventTime)} gave privileges to ${subject.split("/").at(-1)}, not to ${context.principal.name}; disabling ${context.principal.name} does not undo it.`,
      },
      alternative: { indicates: "disable", text: `Yes: ${context.principal.name} keeps the escalated privileges through that grant.` },
    });
  }
  const grant = findAdminGrants(context).find((entry) => entry.grant.id === escalation.id);
  const endedAt = grant?.removal?.eventTime ?? null;
  const until = endedAt ?? context.now;
  const minutes = Math.floor((until.getTime() - escalation.eventTime.getTime()) / 60_000);
  const calls = await db().event.count({
    where: { source: "cloudtrail", principalKey: context.principal.key, eventTime: { gte: escalation.eventTime, lte: until } },
  });
  const facts = [
    { label: "Escalation", value: `${escalation.title} at ${formatTime(escalation.eventTime)}`, links: [signalLink(escalation, escalation.eventName ?? "escalation")] },
    { label: endedAt ? "Ended" : "Still in effect", value: endedAt ? `${formatTime(endedAt)}, after ${formatSpan(endedAt.getTime() - escalation.eventTime.getTime())}` : `${formatSpan(context.now.getTime() - escalation.eventTime.getTime())} so far`, links: grant?.removal ? [signalLink(grant.removal, grant.removal.eventName ?? "removal")] : [] },
    { label: "Calls since", value: plural(calls, "call"), links: [] },
  ];
  const data = { escalatedAt: escalation.eventTime.toISOString(), endedAt: endedAt?.toISOString() ?? null, minutes, calls, reach };
  if (endedAt) {
    return yesNoItem({
      id: "escalation-age",
      question,
      evidence: { facts },
      data,
      suggested: {
        value: "no",
        indicates: "wait",
        text: `No: the blast radius stopped growing at ${formatTime(endedAt)}: the escalation of ${formatTime(escalation.eventTime)} lasted ${formatSpan(endedAt.getTime() - escalation.eventTime.getTime())}, with ${plural(calls, "call")} in that time.`,
      },
      alternative: { indicates: "disable", text: "Yes: the escalation persists through something the removal missed." },
    });
  }
  return yesNoItem({
    id: "escalation-age",
    question,
    evidence: { facts },
    data,
    suggested: {
      value: "yes",
      indicates: "disable",
      text: `Yes: ${plural(minutes, "minute")} since the escalation at ${formatTime(escalation.eventTime)}, ${plural(calls, "call")} since, ${reach} reachable; waiting widens the blast radius.`,
    },
    alternative: { indicates: "wait", text: "No: the escalation was undone outside these logs." },
  });
}
