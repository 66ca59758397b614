import type { ChecklistDraft, ChecklistId } from "./checklist-types";
import { buildCompromiseChecklist } from "./compromise/compromise-checklist";
import { buildDisableChecklist } from "./disable/disable-checklist";
import { buildImpactChecklist } from "./impact/impact-checklist";
import type { ChecklistContext } from "./load-checklist-context";

/** Builds one checklist from the incident's data. */
export function buildChecklist(id: ChecklistId, context: ChecklistContext): Promise<ChecklistDraft> {
  switch (id) {
    case "compromise":
      return buildCompromiseChecklist(context);
    case "disable":
      return buildDisableChecklist(context);
    case "impact":
      return buildImpactChecklist(context);
  }
}
