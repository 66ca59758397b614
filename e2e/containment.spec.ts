import { expect, test } from "@playwright/test";

import { ADMINISTRATOR_ACCESS_ARN, ATTACKER_CREATED_ACCESS_KEY_ID, REPORTS_SVC, REPORTS_SVC_ACCESS_KEY_ID } from "../lib/demo/scenario";

import { storageStatePath } from "./demo-credentials";
import { ContainmentSection } from "./pages/containment-section";
import { IncidentsPage } from "./pages/incidents-page";

const SCREENSHOTS = "e2e/screenshots";
// The sticky top bar would be stitched into the middle of a tall element screenshot.
const SCREENSHOT_STYLE = "header:has(nav[aria-label='Main']) { position: static !important; }";
const UTC_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

// The commander signs off the plan the analyst proposed, so the tests run in order.
test.describe.configure({ mode: "serial" });

let browserErrors: string[] = [];

test.beforeEach(({ page }) => {
  browserErrors = [];
  page.on("pageerror", (error) => browserErrors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") {
      browserErrors.push(`${message.text()} (${message.location().url})`);
    }
  });
});

test.afterEach(() => {
  expect(browserErrors).toEqual([]);
});

async function openContainment(page: import("@playwright/test").Page): Promise<ContainmentSection> {
  const incidents = new IncidentsPage(page);
  await incidents.open();
  await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
  return new ContainmentSection(page);
}

test("analyst proposes the generated plan", async ({ page }) => {
  const containment = await openContainment(page);

  await expect(containment.generatedSteps).toHaveCount(5);
  await expect(containment.generatedPlan).toContainText(
    `aws iam update-access-key --user-name reports-svc --access-key-id ${REPORTS_SVC_ACCESS_KEY_ID} --status Inactive`,
  );
  await expect(containment.generatedPlan).toContainText(
    `aws iam update-access-key --user-name reports-svc --access-key-id ${ATTACKER_CREATED_ACCESS_KEY_ID} --status Inactive`,
  );
  await expect(containment.generatedPlan).toContainText(
    `aws iam detach-user-policy --user-name reports-svc --policy-arn ${ADMINISTRATOR_ACCESS_ARN}`,
  );
  await containment.root.screenshot({ path: `${SCREENSHOTS}/containment-generated.png`, style: SCREENSHOT_STYLE });

  await containment.button("Propose plan").click();
  await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "proposed");
  await expect(containment.generatedPlan).toHaveCount(0);
  await expect(containment.decisionText).toBeDisabled();
  await expect(containment.button("Approve plan")).toBeDisabled();
  await expect(containment.currentPlan).toContainText("The analyst role may not approve containment; an incident commander can.");
  await expect(containment.distinctApproverToggle).toBeDisabled();
  await containment.root.screenshot({ path: `${SCREENSHOTS}/containment-proposed.png`, style: SCREENSHOT_STYLE });
});

test.describe("as commander", () => {
  test.use({ storageState: storageStatePath("commander") });

  test("commander approves and marks steps done", async ({ page }) => {
    const containment = await openContainment(page);
    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "proposed");

    await containment.decisionText.fill("Both keys were used from the attacker's address.");
    await containment.button("Approve plan").click();
    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "approved");
    await expect(containment.currentPlan).toContainText("Both keys were used from the attacker's address.");
    await expect(containment.stepAt(1).getByRole("button", { name: "Run with AWS SDK" })).toBeDisabled();
    await expect(containment.stepAt(1)).toContainText("No AWS credentials on the server");
    await expect(containment.stepAt(2).getByRole("button", { name: "Mark done" })).toBeEnabled();

    await containment.stepAt(1).getByLabel("Note for step 1").fill("Deactivated in the IAM console.");
    for (let position = 1; position <= 5; position += 1) {
      await containment.stepAt(position).getByRole("button", { name: "Mark done" }).click();
      await expect(containment.stepAt(position)).toHaveAttribute("data-status", "done");
      if (position === 2) {
        await containment.root.screenshot({ path: `${SCREENSHOTS}/containment-executing.png`, style: SCREENSHOT_STYLE });
      }
    }

    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "completed");
    await expect(containment.planCompletedAt).toHaveText(UTC_TIME);
    // The demo's CloudTrail already shows the responder's containment, so the incident keeps that time.
    await expect(containment.incidentContainedAt).toHaveText("2026-11-17 02:27:55");
    await expect(page.getByTitle("Status: contained")).toBeVisible();
    await containment.currentPlan.getByText("Steps (5 done, 0 skipped, 5 in all)").click();
    await expect(containment.stepAt(1)).toContainText("Deactivated in the IAM console.");
    await expect(containment.stepAt(1)).toContainText("Marked done by hand");
    await containment.root.screenshot({ path: `${SCREENSHOTS}/containment-completed.png`, style: SCREENSHOT_STYLE });
  });
});
