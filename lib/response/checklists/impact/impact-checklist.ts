import type { ChecklistDraft, ConclusionDraft, Outcome } from "../checklist-types";
import { listText } from "../format-evidence";
import type { ChecklistContext } from "../load-checklist-context";
import { checkAutomationServices } from "./check-automation-services";
import { checkAwsSources } from "./check-aws-sources";
import { checkKeyUsage, workloadKeys } from "./check-key-usage";
import { checkMachineCadence } from "./check-machine-cadence";
import { checkRuntimeAgents } from "./check-runtime-agents";
import { type KeyUsage, loadKeyUsage } from "./load-key-usage";

/** Builds "Production impact?" for an incident. */
export async function buildImpactChecklist(context: ChecklistContext): Promise<ChecklistDraft> {
  const usage = await loadKeyUsage(context);
  const items = [
    checkKeyUsage(context, usage),
    checkAwsSources(usage),
    checkRuntimeAgents(usage),
    checkMachineCadence(usage),
    await checkAutomationServices(context, usage),
  ];
  return { id: "impact", title: "Production impact?", items, conclude: (outcomes) => concludeImpact(outcomes, usage, context) };
}

/** May cause downtime when any answer points to a workload; the summary names the keys and hosts. */
export function concludeImpact(outcomes: Map<string, Outcome>, usage: KeyUsage, context: ChecklistContext): ConclusionDraft {
  const workload = workloadKeys(usage);
  // Temporary keys expire by themselves, so only long-term keys are worth naming.
  const idle = context.incidentKeys.filter(
    (key) => key.startsWith("AKIA") && !usage.rows.some((row) => row.accessKeyId === key),
  );
  const idleText = idle.length > 0 ? ` ${listText(idle)} had no calls before the incident, so disabling ${idle.length === 1 ? "it" : "them"} is safe.` : "";
  const pointing = [...outcomes.values()].filter((outcome) => outcome.indicates === "downtime");
  if (pointing.length === 0) {
    const hosts = listText([...new Set(usage.rows.map((row) => row.host))]);
    return {
      conclusion: "no_downtime",
      summary: `Disabling is safe without downtime: no workload used ${context.principal.name}'s credentials in the 30 days before${hosts ? `; calls came from ${hosts}` : ""}.${idleText}`,
    };
  }
  const named = workload.map((key) => {
    const rows = usage.rows.filter((row) => row.accessKeyId === key);
    const cadence = usage.cadenceByKey.get(key);
    const hosts = listText([...new Set(rows.map((row) => row.host))]);
    const steady = cadence?.steady && cadence.medianIntervalSeconds ? ` every ${Math.round(cadence.medianIntervalSeconds / 60)} min` : "";
    return `${key} serves ${hosts}${steady} (${rows.reduce((sum, row) => sum + row.calls, 0).toLocaleString("en-US")} calls)`;
  });
  return {
    conclusion: "may_cause_downtime",
    summary: `Disabling may cause downtime: ${named.length > 0 ? listText(named) : `${pointing.length} answers point to a workload`}.${idleText}`,
  };
}
