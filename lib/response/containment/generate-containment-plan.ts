import { loadKeyStatusChanges } from "@/lib/entities/load-key-status-changes";

import { buildIdentityCenterSteps, buildOtherSteps, buildRootSteps } from "./build-manual-steps";
import { buildRoleSteps } from "./build-role-steps";
import { buildUserSteps } from "./build-user-steps";
import type { ContainmentPlanDraft, ContainmentStepDraft } from "./containment-types";
import { loadContainmentContext, type ContainmentContext } from "./load-containment-context";
import { loadRoleTrustEvidence } from "./load-role-trust-evidence";

export interface GenerateContainmentPlanOptions {
  incidentId: string;
  /** Time the plan is written; role sessions issued before it are revoked. Defaults to now. */
  now?: Date;
}

type Built = Pick<ContainmentPlanDraft, "strategy" | "steps" | "notes">;

/**
 * Builds the containment plan for an incident's principal from what the logs
 * show: its access keys, the policies granted during the incident and, for a
 * role, its trust policy. Nothing is stored. Returns null when no incident
 * has this id.
 */
export async function generateContainmentPlan(
  options: GenerateContainmentPlanOptions,
): Promise<ContainmentPlanDraft | null> {
  const context = await loadContainmentContext(options.incidentId);
  if (!context) {
    return null;
  }
  const now = options.now ?? new Date();
  const built = await buildSteps(context, now);
  return {
    incidentId: context.incident.id,
    principal: context.principal,
    generatedAt: now.toISOString(),
    ...built,
  };
}

async function buildSteps(context: ContainmentContext, now: Date): Promise<Built> {
  const { principal } = context;
  const arn = principal.arn ?? "";
  if (principal.type === "IAMUser" && principal.name) {
    return buildUserPlan(context, principal.name);
  }
  if (principal.type === "AssumedRole" && /:role\//.test(arn)) {
    return buildRolePlan(context, arn, now);
  }
  if (principal.type === "Root") {
    return { strategy: "root", steps: buildRootSteps(principal.accountId), notes: [] };
  }
  if (principal.type === "IdentityCenterUser") {
    const steps = buildIdentityCenterSteps(principal.name ?? principal.key);
    return { strategy: "identity-center-user", steps, notes: [] };
  }
  return { strategy: "other", steps: buildOtherSteps(principal.type, principal.key), notes: [] };
}

async function buildUserPlan(context: ContainmentContext, userName: string): Promise<Built> {
  const notes = [
    "Temporary (ASIA) access keys are not listed: they expire on their own, and the deny-all policy blocks them until then.",
  ];
  const changes = await loadKeyStatusChanges(context.accessKeys.map((key) => key.accessKeyId));
  for (const key of context.accessKeys) {
    const change = changes.get(key.accessKeyId);
    if (change !== undefined && change.status !== "Active") {
      notes.push(
        `CloudTrail already shows access key ${key.accessKeyId} ${change.status.toLowerCase()} at ${change.at.slice(0, 19).replace("T", " ")} UTC ` +
          `(event ${change.eventId}); its step confirms that state.`,
      );
    }
  }
  if (!context.accessKeys.some((key) => key.userName === userName)) {
    notes.push(
      `No long-term access key of ${userName} is in the ingested logs; check with aws iam list-access-keys --user-name ${userName}.`,
    );
  }
  const steps = buildUserSteps({ userName, accessKeys: context.accessKeys, grants: context.grants });
  return { strategy: "iam-user", steps, notes };
}

async function buildRolePlan(context: ContainmentContext, roleArn: string, now: Date): Promise<Built> {
  const roleName = roleArn.split("/").at(-1) ?? roleArn;
  const notes: string[] = [];
  const evidence = await loadRoleTrustEvidence({
    roleArn,
    roleName,
    firstSeen: context.incident.firstSeen,
    lastSeen: context.incident.lastSeen,
  });
  let steps: ContainmentStepDraft[] = buildRoleSteps({
    roleName,
    accountId: context.principal.accountId,
    issuedBefore: now,
    trustPolicy: evidence.trustPolicy,
    assumers: evidence.assumers,
    grants: context.grants,
  });
  // IAM rejects changes to a service-linked role; its sessions end when they expire.
  if (roleArn.includes(":role/aws-service-role/")) {
    steps = steps.filter((step) => step.actionId !== "revoke-role-sessions" && step.actionId !== "tighten-trust-policy");
    notes.push(`${roleName} is a service-linked role: its sessions cannot be revoked and its trust policy cannot be edited.`);
  }
  if (!evidence.trustPolicy) {
    notes.push(`The trust policy of ${roleName} is not in the ingested logs, so the trust step is a manual review.`);
  }
  return { strategy: "iam-role", steps, notes };
}
