import { beforeAll, describe, expect, it } from "vitest";

import { POST as approve } from "@/app/api/containment/[planId]/approve/route";
import { POST as reject } from "@/app/api/containment/[planId]/reject/route";
import { POST as executeStep } from "@/app/api/containment/[planId]/steps/[stepId]/execute/route";
import { PUT as updateSettings } from "@/app/api/containment/settings/route";
import { GET as getContainment, POST as propose } from "@/app/api/incidents/[id]/containment/route";
import { db } from "@/lib/db/client";
import type { ContainmentView } from "@/lib/response/containment/get-containment";
import { seedUserIncident } from "@/lib/response/containment/__fixtures__/user-incident";

import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

function context(params: Record<string, string>) {
  return { params: Promise.resolve(params) };
}

function jsonRequest(body: unknown, method = "POST"): Request {
  return new Request("http://127.0.0.1/api", {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

let incidentId: string;

beforeAll(async () => {
  incidentId = await seedUserIncident();
}, 120_000);

describe("containment routes", () => {
  it("walks a plan through sign-off", async () => {
    const before = await getContainment(new Request("http://127.0.0.1/api"), context({ id: incidentId }));
    const view = (await before.json()) as ContainmentView;
    expect(before.status).toBe(200);
    expect(view.preview?.steps).toHaveLength(5);
    expect(view.plans).toEqual([]);
    expect(view.viewer).toEqual({
      label: "local",
      role: "admin",
      canPropose: true,
      canApprove: true,
      canExecute: true,
      canChangeSettings: true,
    });

    const proposed = await propose(
      jsonRequest({ skip: [{ actionId: "delete-login-profile", reason: "no console password" }] }),
      context({ id: incidentId }),
    );
    expect(proposed.status).toBe(201);
    const { planId } = (await proposed.json()) as { planId: string };
    const [first] = await db().containmentStep.findMany({ where: { planId }, orderBy: { position: "asc" } });

    // Execution before sign-off is refused.
    const early = await executeStep(jsonRequest({ mode: "manual" }), context({ planId, stepId: first.id }));
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { message: string } }).error.message).toBe(
      `Containment plan ${planId} is proposed; an incident commander must approve it before any step runs.`,
    );

    // Every request acts as the same local administrator, who proposed the plan.
    const selfApproval = await approve(jsonRequest({ rationale: "go" }), context({ planId }));
    expect(selfApproval.status).toBe(409);
    expect(await selfApproval.json()).toEqual({
      error: {
        code: "conflict",
        message:
          "local proposed this plan, and another incident commander must approve it (setting containment.requireDistinctApprover).",
      },
    });

    const missing = await approve(jsonRequest({ rationale: "  " }), context({ planId }));
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: { field: string } }).error.field).toBe("body.rationale");

    const settings = await updateSettings(jsonRequest({ requireDistinctApprover: false }, "PUT"), context({}));
    expect(await settings.json()).toEqual({ requireDistinctApprover: false });
    const approved = await approve(jsonRequest({ rationale: "go" }), context({ planId }));
    expect(approved.status).toBe(200);

    const done = await executeStep(jsonRequest({ mode: "manual", note: "console" }), context({ planId, stepId: first.id }));
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ position: 1, status: "done", outcome: "done", planCompleted: false });
  });

  it("rejects a plan with a reason", async () => {
    await db().containmentPlan.deleteMany();
    const proposed = await propose(jsonRequest({}), context({ id: incidentId }));
    const { planId } = (await proposed.json()) as { planId: string };
    const rejected = await reject(jsonRequest({ reason: "wrong principal" }), context({ planId }));
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });

    expect(rejected.status).toBe(200);
    expect(plan.status).toBe("rejected");
    expect(plan.rationale).toBe("wrong principal");
  });

  it("returns 404 for an unknown incident", async () => {
    const response = await getContainment(new Request("http://127.0.0.1/api"), context({ id: "00000000-0000-4000-8000-000000000000" }));
    expect(response.status).toBe(404);
  });
});
