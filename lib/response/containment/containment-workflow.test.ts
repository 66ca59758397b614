import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import { db, pgPool } from "@/lib/db/client";
import { ATTACKER_CREATED_ACCESS_KEY_ID, REPORTS_SVC_ACCESS_KEY_ID } from "@/lib/demo/scenario";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { ANALYST, COMMANDER, OTHER_COMMANDER } from "./__fixtures__/actors";
import { seedUserIncident } from "./__fixtures__/user-incident";
import { approveContainmentPlan } from "./approve-containment-plan";
import { REQUIRE_DISTINCT_APPROVER_KEY, updateContainmentSettings } from "./containment-settings";
import { proposeContainmentPlan } from "./propose-containment-plan";
import { rejectContainmentPlan } from "./reject-containment-plan";

useTestDatabase();

let incidentId: string;

beforeAll(async () => {
  incidentId = await seedUserIncident();
}, 120_000);

beforeEach(async () => {
  await db().containmentPlan.deleteMany();
  await db().setting.deleteMany({ where: { key: REQUIRE_DISTINCT_APPROVER_KEY } });
});

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await db().auditEntry.findMany({ where: { targetId }, orderBy: { seq: "asc" } });
  return rows.map((row) => row.action);
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ApiError)) {
    throw new Error(`expected an ApiError, got ${String(error)}`);
  }
  return error;
}

describe("proposeContainmentPlan", () => {
  it("stores steps and an audit entry", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    const plan = await db().containmentPlan.findUniqueOrThrow({
      where: { id: planId },
      include: { steps: { orderBy: { position: "asc" } } },
    });

    expect(plan.status).toBe("proposed");
    expect(plan.proposedBy).toBe(ANALYST.label);
    expect(plan.proposedById).toBe(ANALYST.id);
    expect(plan.principalType).toBe("IAMUser");
    expect(plan.steps.map((step) => [step.position, step.action, step.status])).toEqual([
      [1, `deactivate-access-key:${REPORTS_SVC_ACCESS_KEY_ID}`, "pending"],
      [2, `deactivate-access-key:${ATTACKER_CREATED_ACCESS_KEY_ID}`, "pending"],
      [3, "delete-login-profile", "pending"],
      [4, "attach-quarantine-policy", "pending"],
      [5, "detach-user-policy:reports-svc:arn:aws:iam::aws:policy/AdministratorAccess", "pending"],
    ]);
    expect(plan.steps[2].cliCommand).toBe("aws iam delete-login-profile --user-name reports-svc");
    expect(plan.steps[2].apiCall).toEqual({ name: "DeleteLoginProfile", input: { UserName: "reports-svc" }, instructions: [] });
    expect(await auditActions(planId)).toEqual(["containment.proposed"]);
  });

  it("skips deselected steps with the reason", async () => {
    const { planId } = await proposeContainmentPlan({
      incidentId,
      actor: ANALYST,
      skip: [{ actionId: "delete-login-profile", reason: "reports-svc has no console password" }],
    });
    const step = await db().containmentStep.findFirstOrThrow({ where: { planId, action: "delete-login-profile" } });

    expect(step.status).toBe("skipped");
    expect(step.mode).toBe("skipped");
    expect(step.executedBy).toBe(ANALYST.label);
    expect(step.result).toMatchObject({ attempts: [{ mode: "skipped", outcome: "skipped", note: "reports-svc has no console password" }] });
  });

  it("rejects an unknown skipped step", async () => {
    const error = await rejection(
      proposeContainmentPlan({ incidentId, actor: ANALYST, skip: [{ actionId: "delete-user", reason: "x" }] }),
    );
    expect(error.code).toBe("validation_failed");
    expect(error.field).toBe("body.skip.0.actionId");
    expect(await db().containmentPlan.count()).toBe(0);
  });

  it("rejects a second open plan", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    const error = await rejection(proposeContainmentPlan({ incidentId, actor: COMMANDER }));

    expect(error.code).toBe("conflict");
    expect(error.publicMessage).toBe(
      `The incident already has a proposed containment plan (${planId}); reject it before proposing another.`,
    );
    expect(await db().containmentPlan.count()).toBe(1);
  });
});

describe("approveContainmentPlan", () => {
  it("approves with the rationale", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    await approveContainmentPlan({ planId, actor: COMMANDER, rationale: "Key #2 was created from the attacker's address." });
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });

    expect(plan.status).toBe("approved");
    expect(plan.approvedBy).toBe(COMMANDER.label);
    expect(plan.approvedById).toBe(COMMANDER.id);
    expect(plan.rationale).toBe("Key #2 was created from the attacker's address.");
    expect(plan.approvedAt).not.toBeNull();
    expect(await auditActions(planId)).toEqual(["containment.proposed", "containment.approved"]);
  });

  it("rejects approval by the proposer", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: OTHER_COMMANDER });
    const error = await rejection(approveContainmentPlan({ planId, actor: OTHER_COMMANDER, rationale: "mine" }));
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });

    expect(error.code).toBe("conflict");
    expect(error.status).toBe(409);
    expect(error.publicMessage).toBe(
      "lee.commander@example.com proposed this plan, and another incident commander must approve it " +
        "(setting containment.requireDistinctApprover).",
    );
    expect(plan.status).toBe("proposed");
    expect(await auditActions(planId)).toEqual(["containment.proposed"]);
  });

  it("allows the proposer when the setting is off", async () => {
    await updateContainmentSettings({ actor: COMMANDER, requireDistinctApprover: false });
    const { planId } = await proposeContainmentPlan({ incidentId, actor: OTHER_COMMANDER });
    await approveContainmentPlan({ planId, actor: OTHER_COMMANDER, rationale: "alone on shift" });
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });
    const setting = await db().setting.findUniqueOrThrow({ where: { key: REQUIRE_DISTINCT_APPROVER_KEY } });

    expect(plan.status).toBe("approved");
    expect(setting.value).toBe(false);
    expect(await auditActions(REQUIRE_DISTINCT_APPROVER_KEY)).toContain("settings.updated");
  });

  it("rejects approving twice", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    await approveContainmentPlan({ planId, actor: COMMANDER, rationale: "go" });
    const error = await rejection(approveContainmentPlan({ planId, actor: OTHER_COMMANDER, rationale: "again" }));

    expect(error.code).toBe("conflict");
    expect(error.publicMessage).toBe(`Containment plan ${planId} is approved; only a proposed plan can be approved.`);
  });

  it("rolls back when the audit entry fails", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    await pgPool().query(`
      CREATE FUNCTION reject_approval_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'containment.approved' THEN RAISE EXCEPTION 'audit entry refused by test trigger'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER reject_approval_audit BEFORE INSERT ON audit_entries
        FOR EACH ROW EXECUTE FUNCTION reject_approval_audit();`);
    try {
      await expect(approveContainmentPlan({ planId, actor: COMMANDER, rationale: "go" })).rejects.toThrow(
        /audit entry refused by test trigger/,
      );
    } finally {
      await pgPool().query(
        "DROP TRIGGER reject_approval_audit ON audit_entries; DROP FUNCTION reject_approval_audit();",
      );
    }
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });
    expect(plan.status).toBe("proposed");
    expect(plan.approvedBy).toBeNull();
  });
});

describe("rejectContainmentPlan", () => {
  it("stores the reason", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    await rejectContainmentPlan({ planId, actor: COMMANDER, reason: "Wait for the service owner." });
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });
    const entry = await db().auditEntry.findFirstOrThrow({ where: { targetId: planId, action: "containment.rejected" } });

    expect(plan.status).toBe("rejected");
    expect(plan.rationale).toBe("Wait for the service owner.");
    expect(entry.actorLabel).toBe(COMMANDER.label);
    expect(entry.details).toEqual({ reason: "Wait for the service owner.", previousStatus: "proposed" });
  });

  it("allows a new proposal after rejection", async () => {
    const first = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    await rejectContainmentPlan({ planId: first.planId, actor: COMMANDER, reason: "incomplete" });
    const second = await proposeContainmentPlan({ incidentId, actor: ANALYST });

    expect(second.planId).not.toBe(first.planId);
    expect(await db().containmentPlan.count({ where: { incidentId, status: "proposed" } })).toBe(1);
  });
});
