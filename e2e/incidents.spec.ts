import { expect, test } from "@playwright/test";

import { ATTACK, GUARDDUTY_FINDING, REPORTS_SVC } from "../lib/demo/scenario";

import { IncidentPage } from "./pages/incident-page";
import { IncidentsPage } from "./pages/incidents-page";

const SCREENSHOTS = "e2e/screenshots";

const DEMO_PHASES = [
  "detection",
  "persistence",
  "reconnaissance",
  "privilege_escalation",
  "defense_evasion",
  "containment",
];

/** `2026-11-17T02:21:47Z` as the pages print it: in UTC, whatever the browser's time zone. */
function utcText(iso: string): string {
  return iso.replace("T", " ").replace("Z", "");
}

test.describe("incidents", () => {
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

  // Hydration mismatches and failed requests show up only in the browser console.
  test.afterEach(() => {
    expect(browserErrors).toEqual([]);
  });

  test("list shows the reports-svc incident", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    const row = incidents.rowFor(REPORTS_SVC.userName);
    await expect(row).toHaveCount(1);
    await expect(incidents.severityOf(row)).toHaveText(/^(critical|high|medium|low)$/i);
    await expect(incidents.principalOf(row)).toContainText(REPORTS_SVC.userName);
    await expect(incidents.principalOf(row)).toContainText(REPORTS_SVC.arn);
    await page.screenshot({ path: `${SCREENSHOTS}/incidents.png`, fullPage: true });
  });

  test("/incidents/1 leads to incident #1", async ({ page }) => {
    await page.goto("/incidents/1");
    await expect(page).toHaveURL(/\/incidents\/[0-9a-f-]{36}$/);
    await expect(new IncidentPage(page).heading).toContainText(REPORTS_SVC.userName);
  });

  test("/incidents leads to the list", async ({ page }) => {
    await page.goto("/incidents?all=1");
    await expect(page).toHaveURL(/\/\?all=1$/);
    const incidents = new IncidentsPage(page);
    await expect(incidents.rowFor(REPORTS_SVC.userName)).toHaveCount(1);
  });

  test("incident timeline runs through the phases", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));

    const incident = new IncidentPage(page);
    await expect(incident.heading).toContainText(REPORTS_SVC.userName);
    await expect(incident.timeline).toBeVisible();
    expect(await incident.phasesInOrder()).toEqual(DEMO_PHASES);
    await page.screenshot({ path: `${SCREENSHOTS}/incident.png`, fullPage: true });
  });

  test("threshold row is AttachUserPolicy", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));

    const incident = new IncidentPage(page);
    await expect(incident.thresholdRows).toHaveCount(1);
    await expect(incident.thresholdRows).toContainText("AttachUserPolicy");
    await expect(incident.thresholdRows).toContainText(utcText(ATTACK.steps.attachUserPolicy.eventTime));
  });

  test("timeline entry opens its raw JSON", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));

    const incident = new IncidentPage(page);
    const row = incident.rowByEventName("AttachUserPolicy").first();
    const eventId = await row.getAttribute("data-natural-id");
    expect(eventId).toMatch(/^[0-9a-f-]{36}$/);
    await row.click();

    await expect(incident.rawText).toContainText(`"eventID":"${eventId}"`);
    await expect(incident.rawText).toHaveAttribute("data-formatted", "false");
    await page.screenshot({ path: `${SCREENSHOTS}/incident-raw-panel.png`, fullPage: true });

    await incident.showFormatted();
    await expect(incident.rawText).toContainText(`"eventID": "${eventId}"`);

    await incident.panel.getByRole("link", { name: "Open as page" }).click();
    await page.waitForURL(`**/events/cloudtrail/${eventId}`);
    await expect(page.locator("pre")).toContainText(`"eventID":"${eventId}"`);
    await expect(page.getByRole("region", { name: "Provenance" })).toContainText("CloudTrail");
    await page.screenshot({ path: `${SCREENSHOTS}/raw-event.png`, fullPage: true });
  });

  test("detection entry opens its finding", async ({ page }) => {
    const incidents = new IncidentsPage(page);
    await incidents.open();
    await incidents.openIncident(incidents.rowFor(REPORTS_SVC.userName));

    const incident = new IncidentPage(page);
    await incident.rowByEventName(GUARDDUTY_FINDING.type).first().click();
    await expect(incident.rawText).toContainText(GUARDDUTY_FINDING.id);
    await incident.showFormatted();
    await expect(incident.rawText).toContainText(`"type": "${GUARDDUTY_FINDING.type}"`);
    await page.screenshot({ path: `${SCREENSHOTS}/incident-finding-panel.png`, fullPage: true });
  });

  test("finding page shows its newest version", async ({ page }) => {
    await page.goto(`/events/guardduty/${GUARDDUTY_FINDING.id}`);
    const provenance = page.getByRole("region", { name: "Provenance" });
    await expect(provenance).toContainText("The newest of 2 versions of this finding");
    await expect(provenance.getByRole("heading", { name: "Files this finding arrived in (2)" })).toBeVisible();
    await expect(provenance.getByRole("row")).toHaveCount(3);
    await expect(page.locator("pre")).toContainText('"count":5');
  });
});

test.describe("api", () => {
  test("incidents route lists reports-svc", async ({ request }) => {
    const response = await request.get("/api/incidents");
    expect(response.status()).toBe(200);
    const incidents = (await response.json()) as Array<{ principal: { name: string | null } }>;
    expect(incidents.some((incident) => incident.principal.name === REPORTS_SVC.userName)).toBe(true);
  });

  test("incident route rejects a malformed id", async ({ request }) => {
    const response = await request.get("/api/incidents/not-an-id");
    expect(response.status()).toBe(422);
    const body = (await response.json()) as { error: { code: string; field: string } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.field).toBe("params.id");
  });

  test("download returns the stored bytes", async ({ request }) => {
    const list = (await (await request.get("/api/incidents")).json()) as Array<{
      principal: { name: string | null };
      phases: Array<{ source: string; eventId: string; eventName: string | null }>;
    }>;
    const incident = list.find((item) => item.principal.name === REPORTS_SVC.userName);
    const attach = incident?.phases.find((phase) => phase.eventName === "AttachUserPolicy");
    expect(attach).toBeDefined();
    const path = `/api/events/${attach?.source}/${attach?.eventId}`;

    const view = (await (await request.get(path)).json()) as { raw: string };
    const download = await request.get(`${path}?download=1`);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/json");
    expect((await download.body()).equals(Buffer.from(view.raw, "utf8"))).toBe(true);
    expect((JSON.parse(view.raw) as { eventID: string }).eventID).toBe(attach?.eventId);
  });
});
