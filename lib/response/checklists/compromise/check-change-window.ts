import { findOverlappingChangeWindows } from "@/lib/response/change-windows/find-overlapping-change-windows";

import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatTime, listText } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";

/** Is there a change record or maintenance window for this principal or account during the activity? */
export async function checkChangeWindow(context: ChecklistContext): Promise<ChecklistItemDraft> {
  const from = context.activity[0]?.eventTime ?? context.activityStart;
  const to = context.activity.at(-1)?.eventTime ?? context.activityEnd;
  const windows = await findOverlappingChangeWindows({
    accountId: context.incident.accountId,
    principal: { key: context.principal.key, arn: context.principal.arn, name: context.principal.name },
    from,
    to,
  });
  const span = `${formatTime(from)} – ${formatTime(to)}`;
  const names = windows.map((window) => `"${window.title}"${window.reference ? ` (${window.reference})` : ""}`);
  const question = "Does a change record or maintenance window cover the activity?";
  const evidence = {
    facts: [
      { label: "Activity", value: span, links: [] },
      ...windows.flatMap((window) => [
        {
          label: window.covers ? "Covering window" : "Overlapping window",
          value: `${window.title}: ${formatTime(window.startsAt)} – ${formatTime(window.endsAt)}${window.reference ? `, ${window.reference}` : ""}`,
          links: [{ label: window.reference ?? window.title, href: `/change-windows#${window.id}`, at: window.startsAt }],
        },
        { label: "Recorded", value: recordedText(window, from), links: [] },
      ]),
    ],
  };
  const data = { from: from.toISOString(), to: to.toISOString(), windows: windows.map((window) => ({ id: window.id, reference: window.reference, covers: window.covers })) };
  if (windows.length === 0) {
    return yesNoItem({
      id: "change-window",
      question,
      evidence: { facts: [...evidence.facts, { label: "Change windows", value: "none for this principal or account", links: [] }] },
      data,
      suggested: { value: "no", indicates: "compromise", text: `No: no change window covers ${span}.` },
      alternative: { indicates: "legitimate", text: "Yes: a change record not entered in Watchfloor covers the activity." },
    });
  }
  const covers = windows.some((window) => window.covers);
  return yesNoItem({
    id: "change-window",
    question,
    evidence,
    data,
    suggested: {
      value: "yes",
      indicates: "legitimate",
      text: `Yes: ${listText(names)} ${covers ? "covers" : "overlaps"} the activity (${span}).`,
    },
    alternative: { indicates: "compromise", text: "No: the change window does not account for this activity." },
  });
}

/**
 * Returns who entered a window and when. A window entered after the activity
 * began may have been added to explain the activity away, so the text warns of it.
 */
function recordedText(window: { createdAt: string; createdBy: string; source: string }, activityStart: Date): string {
  const recorded = `${formatTime(window.createdAt)} by ${window.createdBy} (${window.source})`;
  if (Date.parse(window.createdAt) <= activityStart.getTime()) {
    return recorded;
  }
  return `${recorded}, after the activity began: confirm it against the change record itself`;
}
