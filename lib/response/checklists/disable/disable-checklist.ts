import type { ChecklistDraft, ConclusionDraft, Outcome } from "../checklist-types";
import { plural } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { checkAccessKeys } from "./check-access-keys";
import { checkAdminPrivileges } from "./check-admin-privileges";
import { checkEscalationAge } from "./check-escalation-age";
import { checkOngoingActivity } from "./check-ongoing-activity";
import { checkReach } from "./check-reach";

/** Builds "Disable now or wait?" for an incident. */
export async function buildDisableChecklist(context: ChecklistContext): Promise<ChecklistDraft> {
  const admin = checkAdminPrivileges(context);
  const keys = await checkAccessKeys(context);
  const live = admin.suggested.indicates === "disable" || keys.suggested.indicates === "disable";
  const reach = await checkReach(context, live);
  const serviceCount = (reach.data.usedServices as string[]).length + (reach.data.unusedServices as string[]).length;
  const reachText = reach.data.allServices ? "every service" : plural(serviceCount, "service");
  const items = [
    admin,
    keys,
    reach,
    await checkOngoingActivity(context),
    await checkEscalationAge(context, reachText),
  ];
  return { id: "disable", title: "Disable now or wait?", items, conclude: concludeDisable };
}

/** Disable now when any answer points to it; otherwise waiting costs nothing and the impact check can come first. */
export function concludeDisable(outcomes: Map<string, Outcome>): ConclusionDraft {
  const reasons = [...outcomes.values()].filter((outcome) => outcome.indicates === "disable");
  if (reasons.length > 0) {
    const text = reasons.map((outcome) => outcome.text.replace(/^Yes: /, "").replace(/\.$/, "")).join("; ");
    const warning = text.includes("waiting widens the blast radius") ? "" : " Waiting widens the blast radius.";
    return { conclusion: "disable_now", summary: `Disable now: ${text}.${warning}` };
  }
  const settled = [...outcomes.values()].filter((outcome) => outcome.indicates === "wait");
  return {
    conclusion: "wait",
    summary: `Wait: nothing the incident used is still active (${settled.map((outcome) => outcome.text.replace(/^No: /, "").replace(/\.$/, "")).join("; ")}). Disabling the principal itself can follow the production-impact check.`,
  };
}
