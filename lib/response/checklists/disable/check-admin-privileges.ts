import { type ChecklistItemDraft, yesNoItem } from "../checklist-types";
import { formatSpan, formatTime } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { findAdminGrants, responderOf, signalLink } from "./find-admin-grants";

/** Does the principal hold administrator privileges now, and since when? */
export function checkAdminPrivileges(context: ChecklistContext): ChecklistItemDraft {
  const grants = findAdminGrants(context);
  const held = grants.filter((entry) => entry.removal === null);
  const facts = grants.map(({ grant, removal }) => ({
    label: removal ? "Granted, then removed" : "Granted, still held",
    value: removal
      ? `${grant.title} at ${formatTime(grant.eventTime)}; removed by ${responderOf(removal)} at ${formatTime(removal.eventTime)}, ` +
        `${formatSpan(removal.eventTime.getTime() - grant.eventTime.getTime())} later`
      : `${grant.title} at ${formatTime(grant.eventTime)}, ${formatSpan(context.now.getTime() - grant.eventTime.getTime())} ago`,
    links: [signalLink(grant, grant.eventName ?? "grant"), ...(removal ? [signalLink(removal, removal.eventName ?? "removal")] : [])],
  }));
  const data = {
    heldNow: held.length > 0,
    grants: grants.map(({ grant, removal }) => ({
      at: grant.eventTime.toISOString(),
      eventName: grant.eventName,
      removedAt: removal?.eventTime.toISOString() ?? null,
      removedBy: removal ? responderOf(removal) : null,
      heldSeconds: removal ? Math.round((removal.eventTime.getTime() - grant.eventTime.getTime()) / 1000) : null,
    })),
  };
  const question = "Does the principal hold administrator privileges now?";
  const name = context.principal.name;
  if (held.length > 0) {
    const since = held[0].grant.eventTime;
    return yesNoItem({
      id: "admin-privileges",
      question,
      evidence: { facts },
      data,
      suggested: {
        value: "yes",
        indicates: "disable",
        text: `Yes: ${name} has held administrator privileges since ${formatTime(since)} (${formatSpan(context.now.getTime() - since.getTime())}); no removal is in the logs.`,
      },
      alternative: { indicates: "wait", text: "No: the grant was removed outside these logs." },
    });
  }
  if (grants.length > 0) {
    const last = grants.at(-1);
    return yesNoItem({
      id: "admin-privileges",
      question,
      evidence: { facts },
      data,
      suggested: {
        value: "no",
        indicates: "wait",
        text: `No: the grant of ${formatTime(last?.grant.eventTime ?? context.now)} was removed at ${formatTime(last?.removal?.eventTime ?? context.now)}.`,
      },
      alternative: { indicates: "disable", text: "Yes: the principal still holds administrator privileges by another policy." },
    });
  }
  return yesNoItem({
    id: "admin-privileges",
    question,
    evidence: { facts: [{ label: "Grants", value: `no administrator grant to ${name} in the incident`, links: [] }] },
    data,
    suggested: { value: "no", indicates: "neutral", text: `No: the incident holds no administrator grant to ${name}.` },
    alternative: { indicates: "disable", text: "Yes: the principal holds administrator privileges granted before these logs." },
  });
}
