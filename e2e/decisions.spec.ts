import { expect, test } from "@playwright/test";

import { ALICE_ADMIN, REPORTS_SVC } from "../lib/demo/scenario";

import { ensureCommander } from "./helpers/e2e-database";
import { DecisionsPanel } from "./pages/decisions-panel";
import { IncidentPage } from "./pages/incident-page";
import { IncidentsPage } from "./pages/incidents-page";

const SCREENSHOTS = "e2e/screenshots";
const COMMANDER = { email: "cora.commander@example.com", name: "Cora Commander" };
const OVERRIDE_REASON = "The reports job ran a catch-up at night that week.";

test.describe("decisions", () => {
  let browserErrors: string[] = [];

  test.beforeAll(async () => {
    await ensureCommander(COMMANDER.email, COMMANDER.name);
  });

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

  test("triage, checklists and escalation", async ({ page }) => {
    test.setTimeout(240_000);
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
    const decisions = new DecisionsPanel(page);

    await decisions.lifecycle.getByRole("button", { name: "Start triage" }).click();
    await expect(decisions.status).toHaveText("triage");

    const compromise = await decisions.openChecklist("Compromise or legitimate admin?");
    await expect(decisions.item(compromise, "source-address")).toContainText("85.17.31.122 (NL) is new for reports-svc");
    await expect(decisions.item(compromise, "new-key-then-admin")).toContainText("5 min 16 s later");
    await decisions.override(compromise, "usual-hours", OVERRIDE_REASON);
    await decisions.confirmAll(compromise);
    await page.screenshot({ path: `${SCREENSHOTS}/decisions-compromise.png`, fullPage: true });
    await expect(await decisions.recordConclusion(compromise)).toContainText("Compromise: 5 of 6 answers point to it");

    const disable = await decisions.openChecklist("Disable now or wait?");
    await decisions.confirmAll(disable);
    await expect(await decisions.recordConclusion(disable)).toContainText("Wait: nothing the incident used is still active");

    const impact = await decisions.openChecklist("Production impact?");
    await decisions.confirmAll(impact);
    const impactConclusion = await decisions.recordConclusion(impact);
    await expect(impactConclusion).toContainText("Disabling may cause downtime: AKIARZ5KQ3XHWJ4TBN6Q serves 64.124.16.37");
    await page.screenshot({ path: `${SCREENSHOTS}/decisions-impact.png`, fullPage: true });

    await decisions.lifecycle.getByRole("button", { name: "Escalate…" }).click();
    await decisions.lifecycle
      .getByRole("combobox", { name: "Incident commander" })
      .selectOption({ label: `${COMMANDER.name} (${COMMANDER.email})` });
    await decisions.lifecycle.getByRole("button", { name: "Escalate", exact: true }).click();
    await expect(decisions.status).toHaveText("confirmed");
    await expect(decisions.lifecycle).toContainText(COMMANDER.name);

    const timeline = new IncidentPage(page).timeline;
    const actions = timeline.locator('tbody tr[data-kind="action"]');
    await expect(actions.filter({ hasText: "Status new → triage" })).toHaveCount(1);
    await expect(actions.filter({ hasText: `Escalated to ${COMMANDER.email}` })).toHaveCount(1);
    await expect(actions.filter({ hasText: `usual-hours: overridden (no), because ${OVERRIDE_REASON}` })).toHaveCount(1);
    await expect(actions.filter({ hasText: "Checklist impact concluded" })).toHaveCount(1);
    await actions.last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/decisions-timeline.png` });
  });

  test("invalid transition answers 409", async ({ request }) => {
    const list = (await (await request.get("/api/incidents?all=1")).json()) as Array<{ id: string; principal: { name: string | null } }>;
    const breakGlass = list.find((incident) => incident.principal.name === ALICE_ADMIN.userName);
    const response = await request.post(`/api/incidents/${breakGlass?.id}/status`, { data: { status: "resolved" } });
    expect(response.status()).toBe(409);
    const body = (await response.json()) as { error: { code: string; details: { allowed: string[] } } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.details.allowed).toEqual(["triage"]);
  });

  test("change windows page imports a CSV", async ({ page }) => {
    await page.goto("/change-windows");
    await page.getByLabel("Import CSV or iCalendar…").setInputFiles({
      name: "changes.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "title,start,end,account,principal,reference\n" +
          "Break-glass grant,2026-11-19T13:00:00Z,2026-11-19T15:00:00Z,111122223333,alice.admin,CHG-1042\n" +
          "Broken,not a time,2026-11-19T15:00:00Z,,,CHG-1043\n",
      ),
    });
    await expect(page.getByRole("status").filter({ hasText: "changes.csv: 1 imported" })).toContainText(
      'changes.csv row 2, start: "not a time" is not a date and time',
    );
    await expect(page.getByRole("table", { name: "Change windows" })).toContainText("CHG-1042");
    await page.screenshot({ path: `${SCREENSHOTS}/change-windows.png`, fullPage: true });
  });
});
