import { db } from "@/lib/db/client";
import type { ContainmentPlanDraft } from "@/lib/response/containment/containment-types";
import { generateContainmentPlan } from "@/lib/response/containment/generate-containment-plan";

import { withDatabaseSession } from "./database-session";

interface ContainmentPlanCommandOptions {
  incident: string;
  json?: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `watchfloor containment plan INCIDENT`: prints the containment plan
 * generated for an incident, as commented AWS CLI commands or, with
 * `--json`, as the plan object. Nothing is stored or sent to AWS.
 */
export async function runContainmentPlanCommand(options: ContainmentPlanCommandOptions): Promise<number> {
  const plan = await withDatabaseSession(async () => {
    const incidentId = await resolveIncidentId(options.incident);
    return incidentId ? generateContainmentPlan({ incidentId }) : null;
  });
  if (!plan) {
    process.stderr.write(`No incident ${options.incident}; give its id or its number as \`watchfloor incidents\` lists it.\n`);
    return 1;
  }
  process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : formatPlan(plan));
  return 0;
}

/** Accepts an incident id, or its number with or without the leading `#`. */
async function resolveIncidentId(reference: string): Promise<string | null> {
  if (GUID.test(reference)) {
    return reference;
  }
  const number = Number(reference.replace(/^#/, ""));
  if (!Number.isInteger(number) || number < 1) {
    return null;
  }
  const incident = await db().incident.findUnique({ where: { number }, select: { id: true } });
  return incident?.id ?? null;
}

function formatPlan(plan: ContainmentPlanDraft): string {
  const lines = [
    `# Containment plan for ${plan.principal.arn ?? plan.principal.key} (${plan.principal.type}), generated ${plan.generatedAt}`,
    ...plan.notes.map((note) => `# Note: ${note}`),
  ];
  plan.steps.forEach((step, index) => {
    lines.push("", `# Step ${index + 1}: ${step.description}`);
    lines.push(...step.instructions.map((instruction) => `#   ${instruction}`));
    lines.push(step.cliCommand ?? "# (no CLI command: done in the console)");
    lines.push(`# Rollback: ${step.rollback.description}`);
    if (step.rollback.cliCommand) {
      lines.push(`#   ${step.rollback.cliCommand}`);
    }
  });
  return `${lines.join("\n")}\n`;
}
