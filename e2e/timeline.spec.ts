import { expect, test } from "@playwright/test";

import { BOB_SECOPS, GUARDDUTY_FINDING, REPORTS_SVC } from "../lib/demo/scenario";

import { IncidentPage } from "./pages/incident-page";
import { IncidentsPage } from "./pages/incidents-page";

const SCREENSHOTS = "e2e/screenshots";

async function openDemoIncident(page: import("@playwright/test").Page): Promise<IncidentPage> {
  const incidents = new IncidentsPage(page);
  await incidents.open();
  await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));
  const incident = new IncidentPage(page);
  await expect(incident.timeline).toBeVisible();
  return incident;
}

test.describe("timeline filters", () => {
  test("source filter keeps the finding", async ({ page }) => {
    const incident = await openDemoIncident(page);
    // Analyst actions have no log source, so the source filter leaves them in place.
    const eventRows = incident.timeline.locator('tbody tr:not([data-kind="action"])');
    await incident.filterChip("Source", "guardduty").click();
    await expect(eventRows).toHaveCount(1);
    await expect(eventRows).toContainText(GUARDDUTY_FINDING.type);
    await expect(page).toHaveURL(/[?&]source=guardduty/);
    await page.reload();
    await expect(eventRows).toHaveCount(1);
    await expect(incident.filterChip("Source", "guardduty")).toHaveAttribute("aria-pressed", "true");
  });

  test("principal and phase filters combine", async ({ page }) => {
    const incident = await openDemoIncident(page);
    const eventRows = incident.timeline.locator('tbody tr:not([data-kind="action"])');
    await incident.filterChip("Principal", BOB_SECOPS.userName).click();
    await incident.filterChip("Phase", "containment").click();
    await expect(eventRows).toHaveCount(3);
    for (const principal of await eventRows.locator("td:nth-child(5)").allTextContents()) {
      expect(principal).toBe(BOB_SECOPS.userName);
    }
    await expect(page).toHaveURL(/phase=containment/);
    await page.screenshot({ path: `${SCREENSHOTS}/timeline-filtered.png`, fullPage: true });
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(eventRows).not.toHaveCount(3);
    await expect(page).not.toHaveURL(/phase=/);
  });

  test("rows show the ingest time", async ({ page }) => {
    const incident = await openDemoIncident(page);
    const row = incident.rowByEventName("AttachUserPolicy").first();
    await expect(row.locator("td").nth(0)).toHaveText("2026-11-17 02:21:47");
    await expect(row.locator("td").nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await expect(row.locator("td").nth(1)).toHaveAttribute("title", /^Stored .+ after the event$/);
  });
});
