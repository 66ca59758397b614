import { table } from "./markdown-text";

/** Writes an empty action-item table for the team to fill in. */
export function renderActionItems(): string {
  return ["## Action items", table(["Action", "Owner", "Due"], [["", "", ""]])].join("\n\n");
}
