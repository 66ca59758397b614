import { db } from "@/lib/db/client";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { eventLink, formatSpan, formatTime } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";

/** Without containment, calls this recent count as ongoing. */
const RECENT_MS = 60 * 60 * 1000;

/** Is the principal's activity still ongoing? Compares its last call with containment and with now. */
export async function checkOngoingActivity(context: ChecklistContext): Promise<ChecklistItemDraft> {
  const last = await db().event.findFirst({
    where: { source: "cloudtrail", principalKey: context.principal.key },
    orderBy: [{ eventTime: "desc" }, { id: "desc" }],
    select: { source: true, naturalId: true, eventTime: true, eventName: true, sourceIp: true },
  });
  const containedAt = context.incident.containedAt ?? context.containmentSignals.at(-1)?.eventTime ?? null;
  const facts = [
    {
      label: "Last call",
      value: last ? `${last.eventName ?? "call"} at ${formatTime(last.eventTime)} from ${last.sourceIp ?? "no address"}` : "none",
      links: last ? [eventLink(last, last.eventName ?? "call")] : [],
    },
    { label: "Containment", value: containedAt ? formatTime(containedAt) : "not contained", links: [] },
    { label: "Now", value: formatTime(context.now), links: [] },
  ];
  const data = {
    lastCallAt: last?.eventTime.toISOString() ?? null,
    containedAt: containedAt?.toISOString() ?? null,
    afterContainment: Boolean(last && containedAt && last.eventTime > containedAt),
  };
  const question = "Is the principal's activity still ongoing?";
  const sinceLast = last ? context.now.getTime() - last.eventTime.getTime() : Number.POSITIVE_INFINITY;
  const ongoing = data.afterContainment || (containedAt === null && sinceLast <= RECENT_MS);
  if (ongoing && last) {
    const reason = data.afterContainment
      ? `${formatSpan(last.eventTime.getTime() - (containedAt?.getTime() ?? 0))} after containment`
      : `${formatSpan(sinceLast)} ago and nothing is contained`;
    return yesNoItem({
      id: "ongoing-activity",
      question,
      evidence: { facts },
      data,
      suggested: { value: "yes", indicates: "disable", text: `Yes: the last call was at ${formatTime(last.eventTime)}, ${reason}.` },
      alternative: { indicates: "wait", text: "No: the recent calls are the principal's regular workload." },
    });
  }
  const text = !last
    ? "No: the principal has made no call."
    : containedAt
      ? `No: the last call was at ${formatTime(last.eventTime)}, ${formatSpan(containedAt.getTime() - last.eventTime.getTime())} before containment at ${formatTime(containedAt)}; none since.`
      : `No: the last call was at ${formatTime(last.eventTime)}, ${formatSpan(sinceLast)} ago.`;
  return yesNoItem({
    id: "ongoing-activity",
    question,
    evidence: { facts },
    data,
    suggested: { value: "no", indicates: "wait", text },
    alternative: { indicates: "disable", text: "Yes: activity continues through a path these logs do not cover." },
  });
}
