import type { Actor, Role } from "@/lib/auth/actor";
import { hasPermission } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import { isProposer } from "./approve-containment-plan";
import { type ContainmentSettings, readContainmentSettings } from "./containment-settings";
import type { ApiCall, ApiInput, ContainmentPlanDraft, PlanStatus, StepRollback, StepStatus, StoredApiCall } from "./containment-types";
import { detectSdkAvailability, type Environment, type SdkAvailability } from "./create-iam-client";
import { generateContainmentPlan } from "./generate-containment-plan";
import { readStepResult, type StepAttempt } from "./step-result";

export interface ContainmentStepView {
  id: string;
  position: number;
  actionId: string;
  description: string;
  cliCommand: string | null;
  apiCall: ApiCall | null;
  instructions: string[];
  rollback: StepRollback;
  status: StepStatus;
  mode: string | null;
  executedBy: string | null;
  executedAt: string | null;
  attempts: StepAttempt[];
}

export interface ContainmentPlanView {
  id: string;
  status: PlanStatus;
  principalKey: string;
  principalType: string;
  proposedBy: string;
  proposedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  /** The approver's rationale, or the reason of a rejection. */
  rationale: string | null;
  rejectedBy: string | null;
  rejectedAt: string | null;
  completedAt: string | null;
  notes: string[];
  /** True when the person reading proposed this plan, which matters when approvers must differ. */
  proposedByViewer: boolean;
  steps: ContainmentStepView[];
}

export interface ContainmentView {
  incidentId: string;
  incident: { status: string; containedAt: string | null };
  settings: ContainmentSettings;
  execution: SdkAvailability;
  viewer: {
    label: string;
    role: Role;
    canPropose: boolean;
    canApprove: boolean;
    canExecute: boolean;
    canChangeSettings: boolean;
  };
  /** The plan a proposal would store now; null while a proposed or approved plan is open. */
  preview: ContainmentPlanDraft | null;
  /** Every plan of the incident, newest first. */
  plans: ContainmentPlanView[];
}

/** Returns an incident's containment plans, a fresh plan when none is open, and what the viewer may do; null for an unknown incident. */
export async function getContainment(options: { incidentId: string; actor: Actor; env?: Environment }): Promise<ContainmentView | null> {
  const incident = await db().incident.findUnique({
    where: { id: options.incidentId },
    select: { id: true, status: true, containedAt: true },
  });
  if (!incident) {
    return null;
  }
  const [rows, settings] = await Promise.all([
    db().containmentPlan.findMany({
      where: { incidentId: incident.id },
      orderBy: { proposedAt: "desc" },
      include: { steps: { orderBy: { position: "asc" } } },
    }),
    readContainmentSettings(),
  ]);
  const planEvents = await loadPlanEvents(rows.map((row) => row.id));
  const open = rows.some((row) => row.status === "proposed" || row.status === "approved");
  const { actor } = options;
  return {
    incidentId: incident.id,
    incident: { status: incident.status, containedAt: incident.containedAt?.toISOString() ?? null },
    settings,
    execution: detectSdkAvailability(options.env),
    viewer: {
      label: actor.label,
      role: actor.role,
      canPropose: hasPermission(actor.role, "containment.propose"),
      canApprove: hasPermission(actor.role, "containment.approve"),
      canExecute: hasPermission(actor.role, "containment.execute"),
      canChangeSettings: hasPermission(actor.role, "settings.write"),
    },
    preview: open ? null : await generateContainmentPlan({ incidentId: incident.id }),
    plans: rows.map((row) => planView(row, planEvents.get(row.id), actor)),
  };
}

type PlanRow = Prisma.ContainmentPlanGetPayload<{ include: { steps: true } }>;
type PlanEvents = { notes: string[]; rejectedBy: string | null; rejectedAt: string | null };

/** Reads what the plan rows do not store: the proposal's notes and who rejected the plan, from the audit log. */
async function loadPlanEvents(planIds: string[]): Promise<Map<string, PlanEvents>> {
  const entries = await db().auditEntry.findMany({
    where: { targetType: "containment_plan", targetId: { in: planIds }, action: { in: ["containment.proposed", "containment.rejected"] } },
    orderBy: { seq: "asc" },
  });
  const events = new Map<string, PlanEvents>();
  for (const entry of entries) {
    const current = events.get(entry.targetId ?? "") ?? { notes: [], rejectedBy: null, rejectedAt: null };
    const details = entry.details as { notes?: unknown };
    if (entry.action === "containment.proposed" && Array.isArray(details.notes)) {
      current.notes = details.notes.filter((note): note is string => typeof note === "string");
    }
    if (entry.action === "containment.rejected") {
      current.rejectedBy = entry.actorLabel;
      current.rejectedAt = entry.at.toISOString();
    }
    events.set(entry.targetId ?? "", current);
  }
  return events;
}

function planView(row: PlanRow, events: PlanEvents | undefined, actor: Actor): ContainmentPlanView {
  return {
    id: row.id,
    status: row.status as PlanStatus,
    principalKey: row.principalKey,
    principalType: row.principalType,
    proposedBy: row.proposedBy,
    proposedAt: row.proposedAt.toISOString(),
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    rationale: row.rationale,
    rejectedBy: events?.rejectedBy ?? null,
    rejectedAt: events?.rejectedAt ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    notes: events?.notes ?? [],
    proposedByViewer: isProposer(row, actor),
    steps: row.steps.map(stepView),
  };
}

// PostgreSQL's jsonb stores object keys sorted by length, so request parameters are put back in reading order.
const PARAMETER_ORDER = [
  "UserName",
  "RoleName",
  "GroupName",
  "AccessKeyId",
  "Status",
  "PolicyName",
  "PolicyArn",
  "PolicyDocument",
  "Password",
  "PasswordResetRequired",
];

function ordered<Call extends { input: ApiInput } | null>(call: Call): Call {
  if (call === null) {
    return call;
  }
  const rank = (key: string) => {
    const index = PARAMETER_ORDER.indexOf(key);
    return index === -1 ? PARAMETER_ORDER.length : index;
  };
  const keys = Object.keys(call.input).sort((a, b) => rank(a) - rank(b));
  return { ...call, input: Object.fromEntries(keys.map((key) => [key, call.input[key]])) };
}

function stepView(step: PlanRow["steps"][number]): ContainmentStepView {
  const stored = step.apiCall as unknown as StoredApiCall;
  return {
    id: step.id,
    position: step.position,
    actionId: step.action,
    description: step.description,
    cliCommand: step.cliCommand === "" ? null : step.cliCommand,
    apiCall: ordered(stored.name && stored.input ? { name: stored.name, input: stored.input } : null),
    instructions: stored.instructions ?? [],
    rollback: orderedRollback(step.rollback as unknown as StepRollback),
    status: step.status as StepStatus,
    mode: step.mode,
    executedBy: step.executedBy,
    executedAt: step.executedAt?.toISOString() ?? null,
    attempts: readStepResult(step.result).attempts,
  };
}

function orderedRollback(rollback: StepRollback): StepRollback {
  return { ...rollback, apiCall: ordered(rollback.apiCall) };
}
