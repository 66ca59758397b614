import { beforeAll, describe, expect, it } from "vitest";

import {
  ADMINISTRATOR_ACCESS_ARN,
  ATTACKER_CREATED_ACCESS_KEY_ID,
  REPORTS_SVC,
  REPORTS_SVC_ACCESS_KEY_ID,
} from "@/lib/demo/scenario";
import { loadDemoScenario } from "@/tests/helpers/load-demo-scenario";
import { useTestDatabase } from "@/tests/helpers/test-database";

import type { ContainmentPlanDraft } from "./containment-types";
import { generateContainmentPlan } from "./generate-containment-plan";

useTestDatabase();

const DENY_ALL =
  '{"Version":"2012-10-17","Statement":[{"Sid":"WatchfloorQuarantine","Effect":"Deny","Action":"*","Resource":"*"}]}';

describe("generateContainmentPlan for the demo user", () => {
  let plan: ContainmentPlanDraft;

  beforeAll(async () => {
    const { incidentId } = await loadDemoScenario();
    const generated = await generateContainmentPlan({ incidentId, now: new Date("2026-11-17T03:00:00Z") });
    if (!generated) {
      throw new Error("the demo incident has no plan");
    }
    plan = generated;
  }, 180_000);

  it("uses the IAM user strategy", () => {
    expect(plan.strategy).toBe("iam-user");
    expect(plan.principal.arn).toBe(REPORTS_SVC.arn);
    expect(plan.principal.name).toBe("reports-svc");
    expect(plan.principal.accountId).toBe("111122223333");
  });

  it("lists the steps in order", () => {
    expect(plan.steps.map((step) => step.actionId)).toEqual([
      `deactivate-access-key:${REPORTS_SVC_ACCESS_KEY_ID}`,
      `deactivate-access-key:${ATTACKER_CREATED_ACCESS_KEY_ID}`,
      "delete-login-profile",
      "attach-quarantine-policy",
      `detach-user-policy:reports-svc:${ADMINISTRATOR_ACCESS_ARN}`,
    ]);
  });

  it("writes the exact CLI commands", () => {
    expect(plan.steps.map((step) => step.cliCommand)).toEqual([
      "aws iam update-access-key --user-name reports-svc --access-key-id AKIARZ5KQ3XHWJ4TBN6Q --status Inactive",
      "aws iam update-access-key --user-name reports-svc --access-key-id AKIARZ5KQ3XHQ7MD2VYF --status Inactive",
      "aws iam delete-login-profile --user-name reports-svc",
      `aws iam put-user-policy --user-name reports-svc --policy-name WatchfloorQuarantine --policy-document '${DENY_ALL}'`,
      "aws iam detach-user-policy --user-name reports-svc --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
    ]);
  });

  it("writes the API calls", () => {
    expect(plan.steps.map((step) => step.apiCall)).toEqual([
      { name: "UpdateAccessKey", input: { UserName: "reports-svc", AccessKeyId: REPORTS_SVC_ACCESS_KEY_ID, Status: "Inactive" } },
      { name: "UpdateAccessKey", input: { UserName: "reports-svc", AccessKeyId: ATTACKER_CREATED_ACCESS_KEY_ID, Status: "Inactive" } },
      { name: "DeleteLoginProfile", input: { UserName: "reports-svc" } },
      { name: "PutUserPolicy", input: { UserName: "reports-svc", PolicyName: "WatchfloorQuarantine", PolicyDocument: DENY_ALL } },
      { name: "DetachUserPolicy", input: { UserName: "reports-svc", PolicyArn: ADMINISTRATOR_ACCESS_ARN } },
    ]);
  });

  it("writes a rollback for each step", () => {
    expect(plan.steps.map((step) => step.rollback.cliCommand)).toEqual([
      "aws iam update-access-key --user-name reports-svc --access-key-id AKIARZ5KQ3XHWJ4TBN6Q --status Active",
      "aws iam update-access-key --user-name reports-svc --access-key-id AKIARZ5KQ3XHQ7MD2VYF --status Active",
      "aws iam create-login-profile --user-name reports-svc --password '<new password>' --password-reset-required",
      "aws iam delete-user-policy --user-name reports-svc --policy-name WatchfloorQuarantine",
      "aws iam attach-user-policy --user-name reports-svc --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
    ]);
    expect(plan.steps[2].rollback.description).toMatch(/^A deleted password cannot be restored\. Create a new login profile/);
    expect(plan.steps[1].rollback.description).toContain("created during the incident");
    expect(plan.steps[0].rollback.description).not.toContain("created during the incident");
  });

  it("marks the attacker's key", () => {
    expect(plan.steps[1].description).toBe(
      `Deactivate access key ${ATTACKER_CREATED_ACCESS_KEY_ID} of IAM user reports-svc, created during the incident.`,
    );
  });

  it("notes keys CloudTrail shows deactivated", () => {
    const keyNotes = plan.notes.filter((note) => note.startsWith("CloudTrail already shows access key"));
    expect(keyNotes).toHaveLength(2);
    expect(keyNotes.find((note) => note.includes(ATTACKER_CREATED_ACCESS_KEY_ID))).toMatch(
      new RegExp(`^CloudTrail already shows access key ${ATTACKER_CREATED_ACCESS_KEY_ID} inactive at 2026-11-17 02:27:38 UTC \\(event [^)]+\\); its step confirms that state\\.$`),
    );
  });
});
