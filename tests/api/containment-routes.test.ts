import { beforeAll, describe, expect, it } from "vitest";

import { POST as approve } from "@/app/api/containment/[planId]/approve/route";
import { POST as reject } from "@/app/api/containment/[planId]/reject/route";
import { POST as executeStep } from "@/app/api/containment/[planId]/steps/[stepId]/execute/route";
import { PUT as updateSettings } from "@/app/api/containment/settings/route";
import { GET as getContainment, POST as propose } from "@/app/api/incidents/[id]/containment/route";
import { db } from "@/lib/db/client";
import type { ContainmentView } from "@/lib/response/containment/get-containment";
import { seedUserIncident } from "@/lib/response/containment/__fixtures__/user-incident";

import { createTestAuthorization } from "../helpers/api-token";
import { useTestDatabase } from "../helpers/test-database";

useTestDatabase();

function context(params: Record<string, string>) {
  return { params: Promise.resolve(params) };
}

function request(authorization: string, body?: unknown, method = "POST"): Request {
  return new Request("http://127.0.0.1/api", {
    method: body === undefined ? "GET" : method,
    headers: { authorization, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let incidentId: string;
let analyst: string;
let commander: string;
let admin: string;

beforeAll(async () => {
  incidentId = await seedUserIncident();
  analyst = (await createTestAuthorization("analyst")).authorization;
  commander = (await createTestAuthorization("commander")).authorization;
  admin = (await createTestAuthorization("admin")).authorization;
}, 120_000);

async function errorOf(response: Response): Promise<{ code: string; message: string; field?: string }> {
  return ((await response.json()) as { error: { code: string; message: string; field?: string } }).error;
}

describe("containment routes", () => {
  it("walks a plan through sign-off", async () => {
    const before = await getContainment(request(analyst), context({ id: incidentId }));
    const view = (await before.json()) as ContainmentView;
    expect(before.status).toBe(200);
    expect(view.preview?.steps).toHaveLength(5);
    expect(view.plans).toEqual([]);
    expect(view.viewer).toMatchObject({ role: "analyst", canPropose: true, canApprove: false, canExecute: false });

    const proposed = await propose(
      request(analyst, { skip: [{ actionId: "delete-login-profile", reason: "no console password" }] }),
      context({ id: incidentId }),
    );
    expect(proposed.status).toBe(201);
    const { planId } = (await proposed.json()) as { planId: string };
    const [first] = await db().containmentStep.findMany({ where: { planId }, orderBy: { position: "asc" } });

    const early = await executeStep(request(commander, { mode: "manual" }), context({ planId, stepId: first.id }));
    expect(early.status).toBe(409);
    expect((await errorOf(early)).message).toBe(
      `Containment plan ${planId} is proposed; an incident commander must approve it before any step runs.`,
    );

    const byAnalyst = await approve(request(analyst, { rationale: "go" }), context({ planId }));
    expect(byAnalyst.status).toBe(403);

    const missing = await approve(request(commander, { rationale: "  " }), context({ planId }));
    expect(missing.status).toBe(422);
    expect((await errorOf(missing)).field).toBe("body.rationale");

    const approved = await approve(request(commander, { rationale: "go" }), context({ planId }));
    expect(approved.status).toBe(200);

    const done = await executeStep(request(commander, { mode: "manual", note: "console" }), context({ planId, stepId: first.id }));
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ position: 1, status: "done", outcome: "done", planCompleted: false });
  });

  it("rejects approval by the proposer", async () => {
    await db().containmentPlan.deleteMany();
    const proposed = await propose(request(commander, {}), context({ id: incidentId }));
    const { planId } = (await proposed.json()) as { planId: string };
    const response = await approve(request(commander, { rationale: "mine" }), context({ planId }));
    const error = await errorOf(response);

    expect(response.status).toBe(409);
    expect(error.code).toBe("conflict");
    expect(error.message).toMatch(/ proposed this plan, and another incident commander must approve it \(setting containment\.requireDistinctApprover\)\.$/);

    const settings = await updateSettings(request(admin, { requireDistinctApprover: false }, "PUT"), context({}));
    expect(await settings.json()).toEqual({ requireDistinctApprover: false });
    const retried = await approve(request(commander, { rationale: "mine" }), context({ planId }));
    expect(retried.status).toBe(200);
    await updateSettings(request(admin, { requireDistinctApprover: true }, "PUT"), context({}));
  });

  it("rejects a plan with a reason", async () => {
    await db().containmentPlan.deleteMany();
    const proposed = await propose(request(analyst, {}), context({ id: incidentId }));
    const { planId } = (await proposed.json()) as { planId: string };
    const rejected = await reject(request(commander, { reason: "wrong principal" }), context({ planId }));
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });

    expect(rejected.status).toBe(200);
    expect(plan.status).toBe("rejected");
    expect(plan.rationale).toBe("wrong principal");
  });

  it("returns 404 for an unknown incident", async () => {
    const response = await getContainment(request(analyst), context({ id: "00000000-0000-4000-8000-000000000000" }));
    expect(response.status).toBe(404);
  });
});
