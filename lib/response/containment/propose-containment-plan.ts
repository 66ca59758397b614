import { ApiError } from "@/lib/api/api-error";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { appendAuditEntry, type Transaction } from "@/lib/response/audit/append-audit-entry";

import type { ContainmentPlanDraft, ContainmentStepDraft, StoredApiCall } from "./containment-types";
import { generateContainmentPlan } from "./generate-containment-plan";
import { lockIncident } from "./lock-containment-plan";
import { withAttempt } from "./step-result";

export interface ProposeContainmentPlanOptions {
  incidentId: string;
  actor: Actor;
  /** Generated steps to leave out, by action id, each with the reason recorded on the step. */
  skip?: ReadonlyArray<{ actionId: string; reason: string }>;
  now?: Date;
}

/**
 * Generates the incident's containment plan and stores it as proposed, with
 * deselected steps marked skipped. An incident has at most one open
 * (proposed or approved) plan at a time. Returns the new plan's id.
 */
export async function proposeContainmentPlan(options: ProposeContainmentPlanOptions): Promise<{ planId: string }> {
  const now = options.now ?? new Date();
  const draft = await generateContainmentPlan({ incidentId: options.incidentId, now });
  if (!draft) {
    throw new ApiError("not_found", `Incident ${options.incidentId} was not found.`);
  }
  const skipped = checkSkips(draft, options.skip ?? []);
  const planId = await db().$transaction(async (tx) => {
    await lockIncident(tx, draft.incidentId);
    await assertNoOpenPlan(tx, draft.incidentId);
    const plan = await tx.containmentPlan.create({
      data: {
        incidentId: draft.incidentId,
        principalKey: draft.principal.key,
        principalType: draft.principal.type,
        status: "proposed",
        proposedById: options.actor.id,
        proposedBy: options.actor.label,
        proposedAt: now,
        steps: { create: draft.steps.map((step, index) => stepRow(step, index, skipped.get(step.actionId), options.actor, now)) },
      },
    });
    await appendAuditEntry(tx, {
      actor: options.actor,
      action: "containment.proposed",
      targetType: "containment_plan",
      targetId: plan.id,
      incidentId: draft.incidentId,
      details: {
        principalKey: draft.principal.key,
        strategy: draft.strategy,
        steps: draft.steps.map((step) => step.actionId),
        skipped: Object.fromEntries(skipped),
        notes: draft.notes,
      },
    });
    return plan.id;
  });
  logger.info({ incidentId: draft.incidentId, planId, steps: draft.steps.length }, "containment plan proposed");
  return { planId };
}

function checkSkips(
  draft: ContainmentPlanDraft,
  skip: ReadonlyArray<{ actionId: string; reason: string }>,
): Map<string, string> {
  const known = new Set(draft.steps.map((step) => step.actionId));
  const skipped = new Map<string, string>();
  for (const [index, entry] of skip.entries()) {
    if (!known.has(entry.actionId)) {
      throw new ApiError("validation_failed", `Invalid body.skip.${index}.actionId: the plan has no step ${entry.actionId}.`, {
        field: `body.skip.${index}.actionId`,
      });
    }
    skipped.set(entry.actionId, entry.reason);
  }
  if (skipped.size === draft.steps.length) {
    throw new ApiError("validation_failed", "Invalid body.skip: a plan needs at least one step that is not skipped.", {
      field: "body.skip",
    });
  }
  return skipped;
}

async function assertNoOpenPlan(tx: Transaction, incidentId: string): Promise<void> {
  const open = await tx.containmentPlan.findFirst({
    where: { incidentId, status: { in: ["proposed", "approved"] } },
    select: { id: true, status: true },
  });
  if (open) {
    throw new ApiError(
      "conflict",
      `The incident already has a ${open.status} containment plan (${open.id}); reject it before proposing another.`,
    );
  }
}

function stepRow(
  step: ContainmentStepDraft,
  index: number,
  skipReason: string | undefined,
  actor: Actor,
  now: Date,
): Prisma.ContainmentStepCreateWithoutPlanInput {
  const apiCall: StoredApiCall = {
    name: step.apiCall?.name ?? null,
    input: step.apiCall?.input ?? null,
    instructions: step.instructions,
  };
  const skipped = skipReason !== undefined;
  return {
    position: index + 1,
    action: step.actionId,
    description: step.description,
    // The column is required, so an empty string marks a step without a CLI equivalent.
    cliCommand: step.cliCommand ?? "",
    apiCall: apiCall as unknown as Prisma.InputJsonValue,
    rollback: step.rollback as unknown as Prisma.InputJsonValue,
    status: skipped ? "skipped" : "pending",
    ...(skipped
      ? {
          mode: "skipped",
          executedBy: actor.label,
          executedAt: now,
          result: withAttempt(null, { mode: "skipped", by: actor.label, at: now.toISOString(), outcome: "skipped", note: skipReason }),
        }
      : {}),
  };
}
