import { db } from "@/lib/db/client";
import type { Signal } from "@/lib/generated/prisma/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatSpan, formatTime, plural } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { findAdminGrants, signalLink } from "./find-admin-grants";

const ID = "escalation-age";
const QUESTION = "Is the privilege escalation still in effect?";

/**
 * Builds the item on the privilege escalation: how long it has been in
 * effect and how many calls came after it. `reach` is what the principal can
 * reach, as text: `every service` or `7 services`.
 */
export async function checkEscalationAge(context: ChecklistContext, reach: string): Promise<ChecklistItemDraft> {
  const escalation = context.attackSignals.find((signal) => signal.phase === "privilege_escalation");
  if (!escalation) {
    return yesNoItem({
      id: ID,
      question: QUESTION,
      evidence: { facts: [{ label: "Privilege escalation", value: "no privilege escalation signal", links: [] }] },
      data: { escalatedAt: null },
      suggested: { value: "no", indicates: "neutral", text: "No: the incident has no privilege escalation signal." },
      alternative: { indicates: "disable", text: "Yes: privileges were escalated in a way no rule detected." },
    });
  }
  const subject = escalation.subjectKey ?? escalation.principalKey;
  if (subject !== context.principal.key) {
    return otherPrincipalItem(context, escalation, subject);
  }
  const grant = findAdminGrants(context).find((entry) => entry.grant.id === escalation.id);
  const endedAt = grant?.removal?.eventTime ?? null;
  const until = endedAt ?? context.now;
  const minutes = Math.floor((until.getTime() - escalation.eventTime.getTime()) / 60_000);
  const calls = await db().event.count({
    where: { source: "cloudtrail", principalKey: context.principal.key, eventTime: { gte: escalation.eventTime, lte: until } },
  });
  const lasted = formatSpan(until.getTime() - escalation.eventTime.getTime());
  const evidence = {
    facts: [
      { label: "Escalation", value: `${escalation.title} at ${formatTime(escalation.eventTime)}`, links: [signalLink(escalation, escalation.eventName ?? "escalation")] },
      {
        label: endedAt ? "Ended" : "Still in effect",
        value: endedAt ? `${formatTime(endedAt)}, after ${lasted}` : `${lasted} so far`,
        links: grant?.removal ? [signalLink(grant.removal, grant.removal.eventName ?? "removal")] : [],
      },
      { label: "Calls since", value: plural(calls, "call"), links: [] },
    ],
  };
  const data = { escalatedAt: escalation.eventTime.toISOString(), endedAt: endedAt?.toISOString() ?? null, minutes, calls, reach };
  const since = formatTime(escalation.eventTime);
  if (endedAt) {
    return yesNoItem({
      id: ID,
      question: QUESTION,
      evidence,
      data,
      suggested: {
        value: "no",
        indicates: "wait",
        text: `No: the blast radius stopped growing at ${formatTime(endedAt)}, because the escalation of ${since} lasted ${lasted}, with ${plural(calls, "call")} in that time.`,
      },
      alternative: { indicates: "disable", text: "Yes: the escalation persists through something the removal missed." },
    });
  }
  return yesNoItem({
    id: ID,
    question: QUESTION,
    evidence,
    data,
    suggested: {
      value: "yes",
      indicates: "disable",
      text: `Yes: ${plural(minutes, "minute")} since the escalation at ${since}, ${plural(calls, "call")} since, ${reach} reachable; waiting widens the blast radius.`,
    },
    alternative: { indicates: "wait", text: "No: the escalation was undone outside these logs." },
  });
}

/** Builds the item for an escalation of another principal, such as alice.admin granting AdministratorAccess to breakglass-admin. */
function otherPrincipalItem(context: ChecklistContext, escalation: Signal, subject: string): ChecklistItemDraft {
  const name = context.principal.name;
  return yesNoItem({
    id: ID,
    question: QUESTION,
    evidence: {
      facts: [
        { label: "Escalation", value: `${escalation.title} at ${formatTime(escalation.eventTime)}`, links: [signalLink(escalation, escalation.eventName ?? "escalation")] },
      ],
    },
    data: { escalatedAt: escalation.eventTime.toISOString(), subject },
    suggested: {
      value: "no",
      indicates: "neutral",
      text: `No: the escalation at ${formatTime(escalation.eventTime)} gave privileges to ${subject.split("/").at(-1)}, not to ${name}, so disabling ${name} does not undo it.`,
    },
    alternative: { indicates: "disable", text: `Yes: ${name} keeps the escalated privileges through that grant.` },
  });
}
