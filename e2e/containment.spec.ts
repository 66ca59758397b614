import { expect, test } from "@playwright/test";

import { ADMINISTRATOR_ACCESS_ARN, ATTACKER_CREATED_ACCESS_KEY_ID, REPORTS_SVC, REPORTS_SVC_ACCESS_KEY_ID } from "../lib/demo/scenario";

import { ContainmentSection } from "./pages/containment-section";
import { IncidentsPage } from "./pages/incidents-page";

const SCREENSHOTS = "e2e/screenshots";
// The sticky top bar would be stitched into the middle of a tall element screenshot.
const SCREENSHOT_STYLE = "body > header, header:has(nav[aria-label='Main']) { position: static !important; }";

test.describe("containment", () => {
  let browserErrors: string[] = [];

  test.beforeEach(({ page }) => {
    browserErrors = [];
    page.on("pageerror", (error) => browserErrors.push(error.message));
    page.on("console", (message) => {
      // A refused action (409) is shown on the page; the browser also logs the failed request.
      if (message.type() === "error" && !message.text().includes("409")) {
        browserErrors.push(`${message.text()} (${message.location().url})`);
      }
    });
  });

  test.afterEach(() => {
    expect(browserErrors).toEqual([]);
  });

  test("plan is proposed, approved and marked done", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
    const containment = new ContainmentSection(page);

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

    // The local administrator proposed the plan, so the default setting keeps them from approving it.
    await expect(containment.distinctApproverToggle).toBeChecked();
    await containment.decisionText.fill("Both keys were used from the attacker's address.");
    await expect(containment.button("Approve plan")).toBeDisabled();
    await expect(containment.currentPlan).toContainText("You proposed this plan, so another incident commander must approve it.");
    await containment.root.screenshot({ path: `${SCREENSHOTS}/containment-proposed.png`, style: SCREENSHOT_STYLE });

    await containment.distinctApproverToggle.uncheck();
    await expect(containment.distinctApproverToggle).not.toBeChecked();
    await containment.button("Approve plan").click();
    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "approved");
    await expect(containment.currentPlan).toContainText("Both keys were used from the attacker's address.");
    await expect(containment.stepAt(1).getByRole("button", { name: "Run with AWS SDK" })).toBeDisabled();
    await expect(containment.stepAt(1)).toContainText("No AWS credentials on the server");

    await containment.stepAt(1).getByLabel("Note for step 1").fill("Deactivated in the IAM console.");
    for (let position = 1; position <= 5; position += 1) {
      await containment.stepAt(position).getByRole("button", { name: "Mark done" }).click();
      await expect(containment.stepAt(position)).toHaveAttribute("data-status", "done");
      if (position === 2) {
        await containment.root.screenshot({ path: `${SCREENSHOTS}/containment-executing.png`, style: SCREENSHOT_STYLE });
      }
    }

    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "completed");
    await expect(containment.planCompletedAt).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await expect(containment.incidentContainedAt).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await containment.currentPlan.getByText("Steps (5 done, 0 skipped, 5 in all)").click();
    await expect(containment.stepAt(1)).toContainText("Deactivated in the IAM console.");
    await expect(page.getByTitle("Status: contained")).toBeVisible();
    await containment.root.screenshot({ path: `${SCREENSHOTS}/containment-completed.png`, style: SCREENSHOT_STYLE });

    await containment.distinctApproverToggle.check();
    await expect(containment.distinctApproverToggle).toBeChecked();
  });
});
