import {
  DeleteLoginProfileCommand,
  DetachUserPolicyCommand,
  GetLoginProfileCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  NoSuchEntityException,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { mockClient } from "aws-sdk-client-mock";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api/api-error";
import { db, pgPool } from "@/lib/db/client";
import {
  ADMINISTRATOR_ACCESS_ARN,
  ATTACKER_CREATED_ACCESS_KEY_ID as CREATED_KEY,
  REPORTS_SVC,
  REPORTS_SVC_ACCESS_KEY_ID as STOLEN_KEY,
} from "@/lib/demo/scenario";
import { recomputeCorrelatedIncidents } from "@/lib/incidents/recompute-correlated-incidents";
import { useTestDatabase } from "@/tests/helpers/test-database";

import { ANALYST, COMMANDER } from "./__fixtures__/actors";
import { roleArn, seedRoleIncident } from "./__fixtures__/role-incident";
import { seedUserIncident } from "./__fixtures__/user-incident";
import { approveContainmentPlan } from "./approve-containment-plan";
import { executeContainmentPlan } from "./execute-containment-plan";
import { executeContainmentStep } from "./execute-containment-step";
import { proposeContainmentPlan } from "./propose-containment-plan";
import { readStepResult } from "./step-result";

useTestDatabase();

const iam = mockClient(IAMClient);
// The mock replaces `send` on every IAMClient, so these credentials never leave the process.
const client = new IAMClient({ region: "us-east-1", credentials: { accessKeyId: "AKIAEXAMPLETESTKEY00", secretAccessKey: "test" } });
const NOW = new Date("2026-11-17T03:10:00.000Z");
const now = () => NOW;
const DENY_ALL =
  '{"Version":"2012-10-17","Statement":[{"Sid":"WatchfloorQuarantine","Effect":"Deny","Action":"*","Resource":"*"}]}';

function meta(requestId: string) {
  return { $metadata: { requestId, httpStatusCode: 200 } };
}

function mockReportsSvc(): void {
  iam.reset();
  const created = new Date("2026-01-05T00:00:00Z");
  iam.on(GetUserCommand).resolves({
    User: { UserName: "reports-svc", Path: "/service/", UserId: REPORTS_SVC.principalId, Arn: REPORTS_SVC.arn, CreateDate: created },
    ...meta("req-get-user"),
  });
  iam.on(ListAccessKeysCommand).resolves({
    AccessKeyMetadata: [
      { UserName: "reports-svc", AccessKeyId: STOLEN_KEY, Status: "Active" },
      { UserName: "reports-svc", AccessKeyId: CREATED_KEY, Status: "Active" },
    ],
    IsTruncated: false,
    ...meta("req-list-keys"),
  });
  iam.on(GetLoginProfileCommand).resolves({ LoginProfile: { UserName: "reports-svc", CreateDate: created }, ...meta("req-get-login") });
  iam.on(ListAttachedUserPoliciesCommand).resolves({
    AttachedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: ADMINISTRATOR_ACCESS_ARN }],
    IsTruncated: false,
    ...meta("req-list-attached"),
  });
  iam.on(UpdateAccessKeyCommand, { AccessKeyId: STOLEN_KEY }).resolves(meta("req-update-stolen"));
  iam.on(UpdateAccessKeyCommand, { AccessKeyId: CREATED_KEY }).resolves(meta("req-update-created"));
  iam.on(DeleteLoginProfileCommand).resolves(meta("req-delete-login"));
  iam.on(PutUserPolicyCommand).resolves(meta("req-put-policy"));
  iam.on(DetachUserPolicyCommand).resolves(meta("req-detach"));
}

/** Lists every IAM request sent, as [command, input], in order. */
function sentCommands(): Array<[string, unknown]> {
  return iam.calls().map((call) => {
    const command = call.args[0] as { constructor: { name: string }; input: unknown };
    return [command.constructor.name, command.input];
  });
}

let incidentId: string;

beforeAll(async () => {
  incidentId = await seedUserIncident();
}, 120_000);

beforeEach(async () => {
  mockReportsSvc();
  await db().containmentPlan.deleteMany();
  await db().incident.update({ where: { id: incidentId }, data: { status: "new", containedAt: null, statusChangedAt: null } });
});

async function approvedPlan(): Promise<{ planId: string; stepIds: string[] }> {
  const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
  await approveContainmentPlan({ planId, actor: COMMANDER, rationale: "contain reports-svc" });
  const steps = await db().containmentStep.findMany({ where: { planId }, orderBy: { position: "asc" } });
  return { planId, stepIds: steps.map((step) => step.id) };
}

async function stepsOf(planId: string) {
  return db().containmentStep.findMany({ where: { planId }, orderBy: { position: "asc" } });
}

describe("executeContainmentPlan through the SDK", () => {
  it("sends checks then writes in order", async () => {
    const { planId } = await approvedPlan();
    const run = await executeContainmentPlan({ planId, actor: COMMANDER, iamClient: client, now });
    const user = { UserName: "reports-svc" };

    expect(run.stoppedAt).toBeNull();
    expect(sentCommands()).toEqual([
      ["GetUserCommand", user],
      ["ListAccessKeysCommand", user],
      ["UpdateAccessKeyCommand", { ...user, AccessKeyId: STOLEN_KEY, Status: "Inactive" }],
      ["GetUserCommand", user],
      ["ListAccessKeysCommand", user],
      ["UpdateAccessKeyCommand", { ...user, AccessKeyId: CREATED_KEY, Status: "Inactive" }],
      ["GetUserCommand", user],
      ["GetLoginProfileCommand", user],
      ["DeleteLoginProfileCommand", user],
      ["GetUserCommand", user],
      ["PutUserPolicyCommand", { ...user, PolicyName: "WatchfloorQuarantine", PolicyDocument: DENY_ALL }],
      ["GetUserCommand", user],
      ["ListAttachedUserPoliciesCommand", user],
      ["DetachUserPolicyCommand", { ...user, PolicyArn: ADMINISTRATOR_ACCESS_ARN }],
    ]);
    expect(iam.commandCalls(UpdateAccessKeyCommand).map((call) => call.args[0].input.AccessKeyId)).toEqual([
      STOLEN_KEY,
      CREATED_KEY,
    ]);
  });

  it("stores each result with request ids", async () => {
    const { planId } = await approvedPlan();
    await executeContainmentPlan({ planId, actor: COMMANDER, iamClient: client, now });
    const steps = await stepsOf(planId);

    expect(steps.map((step) => [step.status, step.mode, step.executedBy])).toEqual(
      Array(5).fill(["done", "sdk", COMMANDER.label]),
    );
    const first = readStepResult(steps[0].result).attempts;
    expect(first).toHaveLength(1);
    expect(first[0].outcome).toBe("done");
    expect(first[0].dryRun?.verdict).toBe("applies");
    expect(first[0].dryRun?.message).toBe(`Access key ${STOLEN_KEY} is Active.`);
    expect(first[0].dryRun?.calls.map((call) => [call.operation, call.requestId])).toEqual([
      ["GetUser", "req-get-user"],
      ["ListAccessKeys", "req-list-keys"],
    ]);
    expect(first[0].call).toEqual({
      operation: "UpdateAccessKey",
      input: { UserName: "reports-svc", AccessKeyId: STOLEN_KEY, Status: "Inactive" },
      at: NOW.toISOString(),
      requestId: "req-update-stolen",
      httpStatusCode: 200,
      errorCode: null,
      errorMessage: null,
    });
    expect(steps.map((step) => readStepResult(step.result).attempts[0].call?.requestId)).toEqual([
      "req-update-stolen",
      "req-update-created",
      "req-delete-login",
      "req-put-policy",
      "req-detach",
    ]);
  });

  it("completes the plan and contains the incident", async () => {
    const { planId } = await approvedPlan();
    await executeContainmentPlan({ planId, actor: COMMANDER, iamClient: client, now });
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });

    expect(plan.status).toBe("completed");
    expect(plan.completedAt?.toISOString()).toBe(NOW.toISOString());
    expect(incident.containedAt?.toISOString()).toBe(NOW.toISOString());
    expect(incident.status).toBe("contained");
    expect(incident.statusChangedAt?.toISOString()).toBe(NOW.toISOString());
    const statusEntry = await db().auditEntry.findFirstOrThrow({
      where: { targetId: incidentId, action: "incident.status_changed" },
      orderBy: { seq: "desc" },
    });
    expect(statusEntry.details).toEqual({ from: "new", to: "contained", containmentPlanId: planId });
    expect(statusEntry.actorLabel).toBe(COMMANDER.label);
  });

  it("audits each check and write", async () => {
    const { planId, stepIds } = await approvedPlan();
    await executeContainmentPlan({ planId, actor: COMMANDER, iamClient: client, now });
    const stepEntries = await db().auditEntry.findMany({ where: { targetId: stepIds[0] }, orderBy: { seq: "asc" } });
    const planEntries = await db().auditEntry.findMany({ where: { targetId: planId }, orderBy: { seq: "asc" } });

    expect(stepEntries.map((entry) => entry.action)).toEqual(["containment.step_dry_run", "containment.step_executed"]);
    expect(stepEntries[1].actorLabel).toBe(COMMANDER.label);
    expect(stepEntries[1].details).toMatchObject({ position: 1, call: { operation: "UpdateAccessKey", requestId: "req-update-stolen" } });
    expect(planEntries.map((entry) => entry.action)).toEqual(["containment.proposed", "containment.approved", "containment.completed"]);
  });

  it("stops at a failing call", async () => {
    const denied = Object.assign(new Error("User is not authorized to perform: iam:UpdateAccessKey"), {
      name: "AccessDenied",
      $metadata: { requestId: "req-denied", httpStatusCode: 403 },
    });
    iam.on(UpdateAccessKeyCommand, { AccessKeyId: CREATED_KEY }).rejects(denied);
    const { planId, stepIds } = await approvedPlan();
    const run = await executeContainmentPlan({ planId, actor: COMMANDER, iamClient: client, now });
    const steps = await stepsOf(planId);

    expect(run.stoppedAt).toEqual({
      position: 2,
      reason: "UpdateAccessKey failed: AccessDenied: User is not authorized to perform: iam:UpdateAccessKey",
    });
    expect(steps.map((step) => step.status)).toEqual(["done", "failed", "pending", "pending", "pending"]);
    expect(sentCommands().map(([name]) => name)).toEqual([
      "GetUserCommand",
      "ListAccessKeysCommand",
      "UpdateAccessKeyCommand",
      "GetUserCommand",
      "ListAccessKeysCommand",
      "UpdateAccessKeyCommand",
    ]);
    const call = readStepResult(steps[1].result).attempts[0].call;
    expect(call?.errorCode).toBe("AccessDenied");
    expect(call?.requestId).toBe("req-denied");
    expect(call?.httpStatusCode).toBe(403);
    const failure = await db().auditEntry.findFirstOrThrow({ where: { targetId: stepIds[1], action: "containment.step_failed" } });
    expect(failure.details).toMatchObject({ call: { errorCode: "AccessDenied", requestId: "req-denied" } });
    expect((await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe("approved");
  });

  it("retries a failed step", async () => {
    iam.on(UpdateAccessKeyCommand, { AccessKeyId: STOLEN_KEY }).rejectsOnce(
      Object.assign(new Error("Rate exceeded"), { name: "Throttling", $metadata: { requestId: "req-throttled" } }),
    ).resolves(meta("req-update-stolen"));
    const { planId, stepIds } = await approvedPlan();
    const first = await executeContainmentStep({ planId, stepId: stepIds[0], actor: COMMANDER, mode: "sdk", iamClient: client, now });
    const second = await executeContainmentStep({ planId, stepId: stepIds[0], actor: COMMANDER, mode: "sdk", iamClient: client, now });
    const [step] = await stepsOf(planId);

    expect(first.status).toBe("failed");
    expect(second.status).toBe("done");
    expect(readStepResult(step.result).attempts.map((attempt) => [attempt.outcome, attempt.call?.requestId])).toEqual([
      ["failed", "req-throttled"],
      ["done", "req-update-stolen"],
    ]);
  });
});

describe("executeContainmentStep checks", () => {
  it("rejects execution before approval", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    const [step] = await stepsOf(planId);
    const error = await executeContainmentStep({ planId, stepId: step.id, actor: COMMANDER, mode: "sdk", iamClient: client, now }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).publicMessage).toBe(
      `Containment plan ${planId} is proposed; an incident commander must approve it before any step runs.`,
    );
    expect(iam.calls()).toHaveLength(0);
    expect((await stepsOf(planId))[0].status).toBe("pending");
  });

  it("rejects marking done before approval", async () => {
    const { planId } = await proposeContainmentPlan({ incidentId, actor: ANALYST });
    const [step] = await stepsOf(planId);
    await expect(executeContainmentStep({ planId, stepId: step.id, actor: COMMANDER, mode: "manual", note: "done" })).rejects.toThrow(
      /is proposed; an incident commander must approve it/,
    );
    expect((await stepsOf(planId))[0].status).toBe("pending");
  });

  it("runs steps in order", async () => {
    const { planId, stepIds } = await approvedPlan();
    await expect(
      executeContainmentStep({ planId, stepId: stepIds[2], actor: COMMANDER, mode: "sdk", iamClient: client, now }),
    ).rejects.toThrow(
      `Step 1 (deactivate-access-key:${STOLEN_KEY}) is pending; steps run in order, so it must be done or skipped first.`,
    );
    expect(iam.calls()).toHaveLength(0);
  });

  it("skips the write for an inactive key", async () => {
    iam.on(ListAccessKeysCommand).resolves({
      AccessKeyMetadata: [{ UserName: "reports-svc", AccessKeyId: STOLEN_KEY, Status: "Inactive" }],
      IsTruncated: false,
      ...meta("req-list-keys"),
    });
    const { planId, stepIds } = await approvedPlan();
    const execution = await executeContainmentStep({ planId, stepId: stepIds[0], actor: COMMANDER, mode: "sdk", iamClient: client, now });

    expect(execution).toMatchObject({ status: "done", outcome: "already_applied", message: `Access key ${STOLEN_KEY} is already Inactive.` });
    expect(iam.commandCalls(UpdateAccessKeyCommand)).toHaveLength(0);
  });

  it("treats a missing password as done", async () => {
    iam.on(GetLoginProfileCommand).rejects(new NoSuchEntityException({ message: "Login Profile for User reports-svc cannot be found.", $metadata: {} }));
    const { planId, stepIds } = await approvedPlan();
    await db().containmentStep.updateMany({ where: { planId, position: { lt: 3 } }, data: { status: "done" } });
    const execution = await executeContainmentStep({ planId, stepId: stepIds[2], actor: COMMANDER, mode: "sdk", iamClient: client, now });

    expect(execution).toMatchObject({ status: "done", outcome: "already_applied", message: "reports-svc has no console password." });
    expect(iam.commandCalls(DeleteLoginProfileCommand)).toHaveLength(0);
  });

  it("blocks credentials of another account", async () => {
    iam.on(GetUserCommand).resolves({
      User: { UserName: "reports-svc", Path: "/", UserId: "AIDAOTHER", Arn: "arn:aws:iam::999988887777:user/reports-svc", CreateDate: NOW },
      ...meta("req-other"),
    });
    const { planId, stepIds } = await approvedPlan();
    const execution = await executeContainmentStep({ planId, stepId: stepIds[0], actor: COMMANDER, mode: "sdk", iamClient: client, now });

    expect(execution.status).toBe("failed");
    expect(execution.message).toBe(
      "The credentials reach account 999988887777 (arn:aws:iam::999988887777:user/reports-svc), but the plan is for account 111122223333.",
    );
    expect(sentCommands().map(([name]) => name)).toEqual(["GetUserCommand"]);
  });

  it("rejects SDK mode without credentials", async () => {
    const { planId, stepIds } = await approvedPlan();
    await expect(executeContainmentStep({ planId, stepId: stepIds[0], actor: COMMANDER, mode: "sdk", env: {} })).rejects.toThrow(
      /^Steps cannot run through the AWS SDK: The server has no AWS credentials in its environment/,
    );
    expect((await stepsOf(planId))[0].status).toBe("pending");
  });
});

describe("manual execution", () => {
  it("marks steps done and completes", async () => {
    const { planId, stepIds } = await approvedPlan();
    for (const stepId of stepIds) {
      await executeContainmentStep({ planId, stepId, actor: COMMANDER, mode: "manual", note: "done in the console", now });
    }
    const steps = await stepsOf(planId);
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });

    expect(steps.map((step) => [step.status, step.mode])).toEqual(Array(5).fill(["done", "manual"]));
    expect(readStepResult(steps[4].result).attempts).toEqual([
      { mode: "manual", by: COMMANDER.label, at: NOW.toISOString(), outcome: "done", note: "done in the console" },
    ]);
    expect(plan.status).toBe("completed");
    expect(iam.calls()).toHaveLength(0);
  });

  it("keeps the plan's time through correlation", async () => {
    const { planId, stepIds } = await approvedPlan();
    for (const stepId of stepIds) {
      await executeContainmentStep({ planId, stepId, actor: COMMANDER, mode: "manual", now });
    }
    const client = await pgPool().connect();
    try {
      await recomputeCorrelatedIncidents(client, { incidentIds: [incidentId], threshold: 60, now: new Date() });
    } finally {
      client.release();
    }
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });
    expect(incident.containedAt?.toISOString()).toBe(NOW.toISOString());
  });

  it("keeps an earlier containment time", async () => {
    const earlier = new Date("2026-11-17T02:27:55.000Z");
    await db().incident.update({ where: { id: incidentId }, data: { containedAt: earlier } });
    const { planId, stepIds } = await approvedPlan();
    for (const stepId of stepIds) {
      await executeContainmentStep({ planId, stepId, actor: COMMANDER, mode: "manual", now });
    }
    const plan = await db().containmentPlan.findUniqueOrThrow({ where: { id: planId } });
    const incident = await db().incident.findUniqueOrThrow({ where: { id: incidentId } });

    expect(plan.completedAt?.toISOString()).toBe(NOW.toISOString());
    expect(incident.containedAt?.toISOString()).toBe(earlier.toISOString());
  });
});

describe("role sessions through the SDK", () => {
  it("revokes sessions issued before the call", async () => {
    const roleIncident = await seedRoleIncident({ roleName: "ops-automation" });
    iam.on(GetRoleCommand).resolves({
      Role: { RoleName: "ops-automation", Path: "/", RoleId: "AROAEXAMPLE", Arn: roleArn("ops-automation"), CreateDate: NOW },
      ...meta("req-get-role"),
    });
    iam.on(PutRolePolicyCommand).resolves(meta("req-put-role-policy"));
    const { planId } = await proposeContainmentPlan({ incidentId: roleIncident, actor: ANALYST, now: new Date("2026-11-17T02:30:00Z") });
    await approveContainmentPlan({ planId, actor: COMMANDER, rationale: "revoke" });
    const [revoke] = await stepsOf(planId);
    await executeContainmentStep({ planId, stepId: revoke.id, actor: COMMANDER, mode: "sdk", iamClient: client, now });

    const [put] = iam.commandCalls(PutRolePolicyCommand);
    expect(put.args[0].input).toEqual({
      RoleName: "ops-automation",
      PolicyName: "AWSRevokeOlderSessions",
      PolicyDocument:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["*"],"Resource":["*"],' +
        '"Condition":{"DateLessThan":{"aws:TokenIssueTime":"2026-11-17T03:10:00.000Z"}}}]}',
    });
    expect(sentCommands().map(([name]) => name)).toEqual(["GetRoleCommand", "PutRolePolicyCommand"]);
  });
});
