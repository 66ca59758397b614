import { Badge } from "@/components/badges/badge";
import { formatUtc } from "@/components/format/format-utc";
import type { TimelineAction } from "@/lib/response/lifecycle/load-incident-lifecycle";

import styles from "./timeline-action-row.module.css";

/** A responder's action as a timeline row, between the log events. */
export function TimelineActionRow({ action, columns }: { action: TimelineAction; columns: number }) {
  return (
    <tr className={styles.row} data-kind="action" data-action={action.action}>
      <td className={styles.time}>{formatUtc(action.at)}</td>
      <td>
        <Badge color="#4ea1ff" quiet>
          action
        </Badge>
      </td>
      <td className={styles.text} colSpan={2}>
        {describeAction(action)}
      </td>
      <td className={styles.actor} colSpan={columns - 4}>
        by {action.actor}
      </td>
    </tr>
  );
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** One line for an audit action: `Status triage → confirmed, escalated to cora@example.com`. */
export function describeAction(action: TimelineAction): string {
  const { details } = action;
  switch (action.action) {
    case "incident.status_changed":
      return `Status ${text(details.from)} → ${text(details.to)}${details.note ? `: ${text(details.note)}` : ""}`;
    case "incident.escalated":
      return `Escalated to ${text(details.commander)} (status ${text(details.from)} → ${text(details.to)})`;
    case "incident.commander_assigned":
      return `Commander changed to ${text(details.commander)}`;
    case "checklist.answered":
      return (
        `Checklist ${text(details.checklist)}, ${text(details.itemId)}: ` +
        `${details.answer === "override" ? "overridden" : "confirmed"} (${text(details.value)})` +
        `${details.reason ? `, because ${text(details.reason)}` : ""}`
      );
    case "checklist.concluded":
      return `Checklist ${text(details.checklist)} concluded: ${text(details.summary)}`;
    default:
      return action.action;
  }
}
