import { expect, test, type Browser, type Page } from "@playwright/test";

import { ADMINISTRATOR_ACCESS_ARN, ATTACKER_CREATED_ACCESS_KEY_ID, REPORTS_SVC, REPORTS_SVC_ACCESS_KEY_ID } from "../lib/demo/scenario";

import { ACCOUNTS, type AccountRole, readDemoPassword, storageStatePath } from "./demo-credentials";
import { ContainmentSection } from "./pages/containment-section";
import { DecisionsPanel } from "./pages/decisions-panel";
import { IncidentPage } from "./pages/incident-page";
import { IncidentsPage } from "./pages/incidents-page";
import { LoginPage } from "./pages/login-page";
import { PostmortemPage } from "./pages/postmortem-page";

const SCREENSHOTS = "e2e/screenshots";
const OVERRIDE_REASON = "The reports job ran a catch-up at night that week.";
const DETECTED_AND_CONTAINED = "Detected 02:14, contained 02:27: 13 minutes.";
const RATIONALE = "Both keys were used from the attacker's address; the grant is still attached.";

// The story changes one incident step by step, so its tests run in order.
test.describe.configure({ mode: "serial" });

async function openDemoIncident(browser: Browser, role: AccountRole): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStatePath(role) });
  const page = await context.newPage();
  const incidents = new IncidentsPage(page);
  await incidents.open();
  await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
  return page;
}

test.describe("seed story", () => {
  test("analyst triages, decides, escalates and proposes", async ({ browser }) => {
    test.setTimeout(300_000);
    const page = await openDemoIncident(browser, "analyst");
    const decisions = new DecisionsPanel(page);

    await decisions.lifecycle.getByRole("button", { name: "Start triage" }).click();
    await expect(decisions.status).toHaveText("triage");

    const compromise = await decisions.openChecklist("Compromise or legitimate admin?");
    await expect(decisions.item(compromise, "source-address")).toContainText("85.17.31.122 (NL) is new for reports-svc");
    await expect(decisions.item(compromise, "new-key-then-admin")).toContainText("5 min 16 s later");
    await decisions.override(compromise, "usual-hours", OVERRIDE_REASON);
    await decisions.confirmAll(compromise);
    await expect(await decisions.recordConclusion(compromise)).toContainText("Compromise: 5 of 6 answers point to it");

    const disable = await decisions.openChecklist("Disable now or wait?");
    await decisions.confirmAll(disable);
    await expect(await decisions.recordConclusion(disable)).toContainText("Wait: nothing the incident used is still active");

    const impact = await decisions.openChecklist("Production impact?");
    await decisions.confirmAll(impact);
    await expect(await decisions.recordConclusion(impact)).toContainText("Disabling may cause downtime");

    await decisions.lifecycle.getByRole("button", { name: "Escalate…" }).click();
    await decisions.lifecycle
      .getByRole("combobox", { name: "Incident commander" })
      .selectOption({ label: "Demo Commander (commander@demo.local)" });
    await decisions.lifecycle.getByRole("button", { name: "Escalate", exact: true }).click();
    await expect(decisions.status).toHaveText("confirmed");

    const containment = new ContainmentSection(page);
    await expect(containment.generatedPlan).toContainText(
      `aws iam update-access-key --user-name reports-svc --access-key-id ${REPORTS_SVC_ACCESS_KEY_ID} --status Inactive`,
    );
    await expect(containment.generatedPlan).toContainText(
      `aws iam update-access-key --user-name reports-svc --access-key-id ${ATTACKER_CREATED_ACCESS_KEY_ID} --status Inactive`,
    );
    await expect(containment.generatedPlan).toContainText(
      `aws iam detach-user-policy --user-name reports-svc --policy-arn ${ADMINISTRATOR_ACCESS_ARN}`,
    );
    await containment.button("Propose plan").click();
    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "proposed");

    const actions = new IncidentPage(page).timeline.locator('tbody tr[data-kind="action"]');
    await expect(actions.filter({ hasText: "Status new → triage" })).toHaveCount(1);
    await expect(actions.filter({ hasText: "Escalated to commander@demo.local" })).toHaveCount(1);
    await page.screenshot({ path: `${SCREENSHOTS}/story-analyst.png`, fullPage: true });
    await page.context().close();
  });

  test("commander signs off and marks containment done", async ({ browser }) => {
    test.setTimeout(180_000);
    const page = await openDemoIncident(browser, "commander");
    const containment = new ContainmentSection(page);
    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "proposed");
    await containment.decisionText.fill(RATIONALE);
    await containment.button("Approve plan").click();
    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "approved");
    await expect(containment.currentPlan).toContainText(RATIONALE);

    const steps = await containment.planSteps().count();
    for (let position = 1; position <= steps; position += 1) {
      const step = containment.stepAt(position);
      if ((await step.getAttribute("data-status")) === "done") {
        continue;
      }
      await step.getByRole("button", { name: "Mark done" }).click();
      await expect(step).toHaveAttribute("data-status", "done");
    }
    await expect(containment.currentPlan).toHaveAttribute("data-plan-status", "completed");
    await expect(page.getByTitle("Status: contained")).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/story-commander.png`, fullPage: true });

    await page.getByRole("link", { name: "Postmortem", exact: true }).click();
    await page.waitForURL(/\/postmortem$/);
    const postmortem = new PostmortemPage(page);
    // The postmortem specs may have written one already; otherwise the commander drafts it.
    await expect(postmortem.document.or(postmortem.button("Generate postmortem"))).toBeVisible();
    if (await postmortem.button("Generate postmortem").isVisible()) {
      await postmortem.button("Generate postmortem").click();
    }
    await expect(postmortem.document).toContainText(DETECTED_AND_CONTAINED);
    await page.context().close();
  });

  test("manager reads but cannot change", async ({ browser }) => {
    const page = await openDemoIncident(browser, "manager");
    await expect(page.getByTitle("Status: contained")).toBeVisible();
    await expect(page.getByRole("button", { name: "Propose plan" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark done" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Confirm" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark resolved" })).toHaveCount(0);
    await expect(page.getByText("Read-only for the manager role")).toBeVisible();
    const compromise = await new DecisionsPanel(page).openChecklist("Compromise or legitimate admin?");
    await expect(compromise.getByText("The manager role reads the checklists; an analyst or incident commander answers them.")).toBeVisible();
    await expect(compromise.getByRole("button", { name: "Record conclusion" })).toHaveCount(0);
    await expect(compromise.getByRole("button", { name: "Override…" })).toHaveCount(0);
    const incidentId = page.url().split("/incidents/")[1]?.split(/[?#]/)[0];
    const response = await page.request.post(`/api/incidents/${incidentId}/status`, { data: { status: "resolved" } });
    expect(response.status()).toBe(403);
    await page.screenshot({ path: `${SCREENSHOTS}/story-manager.png`, fullPage: true });
    await page.context().close();
  });

  test("manager signs in, reads the postmortem and the metrics", async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    const login = new LoginPage(page);
    await login.open();
    await login.signIn(ACCOUNTS.manager, readDemoPassword());
    await page.waitForURL((url) => url.pathname === "/");
    const navigation = page.getByRole("navigation", { name: "Main" });

    await navigation.getByRole("link", { name: "Postmortems" }).click();
    const row = page.getByRole("table", { name: "Postmortems" }).locator("tbody tr").filter({ hasText: REPORTS_SVC.userName });
    await expect(row).toHaveCount(1);
    await row.getByRole("link").click();
    await page.waitForURL(/\/postmortem$/);
    const postmortem = new PostmortemPage(page);
    await expect(postmortem.headline).toHaveText(DETECTED_AND_CONTAINED);
    await expect(postmortem.document).toContainText(DETECTED_AND_CONTAINED);
    await expect(postmortem.document.getByRole("heading", { name: "Lessons learned" })).toBeVisible();
    await expect(postmortem.button("Edit")).toHaveCount(0);
    await expect(postmortem.button("Generate postmortem")).toHaveCount(0);
    const pdf = await postmortem.download("Download PDF");
    expect(pdf.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await page.screenshot({ path: `${SCREENSHOTS}/story-manager-postmortem.png`, fullPage: true });

    await navigation.getByRole("link", { name: "Metrics" }).click();
    await page.getByRole("group", { name: "Range" }).getByRole("button", { name: "All" }).click();
    await expect(page.getByRole("table", { name: "Response times per incident" })).toContainText("13 min 15 s");
    await expect(page.getByRole("figure", { name: "Detection and containment times" }).locator(".recharts-surface").first()).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/story-manager-metrics.png`, fullPage: true });
    await context.close();
  });
});
